import LeagueWire
import NIOCore
import Testing

@testable import LeagueServer

/// The state machine alone: events in, actions out, no channel.
@Suite("Connection state machine: events and actions")
struct ConnectionStateMachineTests {
    static func received(_ byte: UInt8) -> ConnectionStateMachine.Received {
        .init(body: ByteBuffer(bytes: [byte]), at: .now)
    }

    /// Asks `next` until it waits or closes; returns the first byte of each answered body
    /// (or "E" for the error, "R" for a resumed read, "C" for close).
    static func drain(_ machine: inout ConnectionStateMachine, isWritable: Bool) -> [String] {
        var steps: [String] = []
        while true {
            switch machine.next(isWritable: isWritable) {
            case .answer(let request): steps.append("\(request.body.getInteger(at: 0, as: UInt8.self) ?? 0)")
            case .writeError: steps.append("E")
            case .read: steps.append("R")
            case .close:
                steps.append("C")
                return steps
            case .wait: return steps
            }
        }
    }

    @Test("serving: answers at once while writable; queues and holds reads back while not; resumes in order")
    func servingBackPressure() {
        var machine = ConnectionStateMachine()
        guard case .answer = machine.received(Self.received(1), isWritable: true) else {
            Issue.record("a request on a writable connection must be answered at once")
            return
        }
        guard case .none = machine.received(Self.received(2), isWritable: false) else {
            Issue.record("not writable: must queue")
            return
        }
        // Writable again, but a request waits: a new one goes behind it, not ahead.
        guard case .none = machine.received(Self.received(3), isWritable: true) else {
            Issue.record("must not overtake the queue")
            return
        }
        guard case .holdBack = machine.readRequested(isWritable: true) else {
            Issue.record("reads must wait for the queue")
            return
        }
        #expect(Self.drain(&machine, isWritable: false).isEmpty)
        #expect(Self.drain(&machine, isWritable: true) == ["2", "3", "R"])
        guard case .read = machine.readRequested(isWritable: true) else {
            Issue.record("reads pass once nothing is owed")
            return
        }
    }

    @Test("ending: closes only once the queue is answered and every write has completed")
    func endingWaitsForWrites() {
        var machine = ConnectionStateMachine()
        _ = machine.received(Self.received(1), isWritable: true)  // one write in flight
        _ = machine.received(Self.received(2), isWritable: false)
        guard case .startDraining = machine.stopReading(.clientFinishedSending) else {
            Issue.record("the first ending starts the drain timer")
            return
        }
        guard case .none = machine.stopReading(.serverQuiescing) else {
            Issue.record("a second ending must not start another timer")
            return
        }
        #expect(Self.drain(&machine, isWritable: true) == ["2"])
        guard case .none = machine.writeCompleted() else {
            Issue.record("closed with a write still in flight")
            return
        }
        // After a half-close the client has sent everything: a plain close.
        guard case .close(gently: false) = machine.writeCompleted() else {
            Issue.record("the last completed write must close, plainly")
            return
        }
        guard case .closed = machine.state else {
            Issue.record("not closed")
            return
        }
    }

    @Test("framing error while draining a half-close: queued answers, then the error, then close; later frames dropped")
    func framingErrorAfterHalfClose() {
        var machine = ConnectionStateMachine()
        _ = machine.received(Self.received(1), isWritable: false)
        _ = machine.received(Self.received(2), isWritable: false)
        _ = machine.stopReading(.clientFinishedSending)
        guard case .none = machine.framingFailed(WireError(.truncatedFrame, code: .invalidArgument, message: "cut"))
        else {
            Issue.record("the drain timer already runs")
            return
        }
        guard case .none = machine.received(Self.received(9), isWritable: true) else {
            Issue.record("nothing after a framing error is answered")
            return
        }
        #expect(Self.drain(&machine, isWritable: true) == ["1", "2", "E"])
        for _ in 0..<2 {
            guard case .none = machine.writeCompleted() else {
                Issue.record("closed before the error was on the wire")
                return
            }
        }
        // The stream broke the framing rules: the client may still be sending, so gently.
        guard case .close(gently: true) = machine.writeCompleted() else {
            Issue.record("the error's completed write must close, gently")
            return
        }
    }

    @Test("going away: the notice first, then the queued answers, then a gentle close; once only")
    func goingAway() {
        var machine = ConnectionStateMachine()
        _ = machine.received(Self.received(1), isWritable: false)
        guard case .announceGoingAway = machine.goAway() else {
            Issue.record("a serving connection announces going away")
            return
        }
        guard case .none = machine.goAway() else {
            Issue.record("the notice is sent once")
            return
        }
        #expect(Self.drain(&machine, isWritable: true) == ["1"])
        guard case .none = machine.writeCompleted() else {
            Issue.record("closed with the answer still in flight")
            return
        }
        // The client may still be sending requests it was told go elsewhere: gently.
        guard case .close(gently: true) = machine.writeCompleted() else {
            Issue.record("the last completed write must close, gently")
            return
        }
    }

    @Test("abandon closes once; later events do nothing")
    func abandon() {
        var machine = ConnectionStateMachine()
        guard case .close(gently: false) = machine.abandon() else {
            Issue.record("first abandon must close at once")
            return
        }
        guard case .none = machine.abandon(), case .none = machine.received(Self.received(1), isWritable: true),
            case .holdBack = machine.readRequested(isWritable: true)
        else {
            Issue.record("a closed connection must stay inert")
            return
        }
        #expect(Self.drain(&machine, isWritable: true).isEmpty)
    }
}
