import LeagueWire
import NIOCore

/// The life of one connection as explicit states; each event returns the action the
/// handler must take, so every rule lives here and `RequestHandler` only does I/O
/// (after Hummingbird's connection state machines).
///
/// ```
///  serving ──half-close / quiesce / framing error──▶ ending ──queue answered, error
///     │                                                │     written, writes done──▶ closed
///     └──────── I/O error / channel inactive ──────────┴──── drain timeout ─────────▶ closed
/// ```
/// - `serving`: requests are read and answered. While the socket is not writable (the
///   client is not reading its answers) received requests wait in the queue, unanswered,
///   and reads are held back, so a client that stops reading costs one read's worth of
///   small request bodies, never a pile of large answers.
///   At most `maxQueued` requests wait (limits, issue 14): one more is refused at once
///   (RESOURCE_EXHAUSTED with its own id), so the connection stays usable.
/// - `ending`: nothing more is read. Every request already received is answered (still
///   only as the client reads), then, after a framing error, the id-0 error; the
///   connection closes once every write has completed. A drain timer, started on entry,
///   cuts off a client that never reads. A graceful shutdown enters it by `goAway`, whose
///   going-away notice is written first, ahead of the queued answers.
/// - `closed`: nothing more happens.
struct ConnectionStateMachine {
    /// A request body that has arrived, and when (its deadline counts from then).
    struct Received {
        var body: ByteBuffer
        var at: ContinuousClock.Instant
    }

    /// What an open connection owes its client: requests not yet answered, and answers
    /// written but not yet on the wire.
    struct Owed {
        var queue = CircularBuffer<Received>()
        var writesInFlight = 0

        enum Admission {
            case answer(Received)
            case queued
            case refuse(Received)
        }

        /// Takes `request` to answer now when nothing waits ahead of it and the client is
        /// reading; otherwise queues it, unless `maxQueued` already wait (limits): then it is
        /// to be refused at once.
        mutating func admit(_ request: Received, isWritable: Bool, maxQueued: Int) -> Admission {
            if queue.isEmpty, isWritable {
                writesInFlight += 1
                return .answer(request)
            }
            guard queue.count < maxQueued else {
                writesInFlight += 1
                return .refuse(request)
            }
            queue.append(request)
            return .queued
        }

        /// The next queued request to answer, if the client is reading.
        mutating func next(isWritable: Bool) -> Received? {
            guard isWritable, let request = queue.popFirst() else { return nil }
            writesInFlight += 1
            return request
        }

        var isSettled: Bool { queue.isEmpty && writesInFlight == 0 }
    }

    /// Why no more requests are read.
    enum EndingReason: Equatable {
        case clientFinishedSending
        case serverQuiescing
        /// The byte stream broke the framing rules; the error is answered after the queue.
        case framingError

        /// True when the client may still be sending as the connection closes (the server
        /// went away, or stopped reading at a bad frame): closing with unread bytes makes the
        /// kernel reset the connection, which can discard the last answers before the
        /// client reads them, so the handler closes its sending side first and lingers.
        /// After a half-close the client has sent everything: a plain close is safe.
        var closesGently: Bool { self != .clientFinishedSending }
    }

    /// What is still owed once the queue is answered.
    enum FinalAnswer {
        case nothing
        case error(WireError)
        case written
    }

    enum State {
        case serving(Owed, readHeldBack: Bool)
        case ending(Owed, reason: EndingReason, final: FinalAnswer)
        case closed
    }

    private(set) var state: State = .serving(Owed(), readHeldBack: false)

    /// Most requests that may wait unanswered (`ServerConfiguration.maxRequestsInFlight`).
    let maxQueued: Int

    init(maxQueued: Int = .max) {
        self.maxQueued = max(1, maxQueued)
    }

    /// Requests received and not yet answered, oldest first.
    var waiting: CircularBuffer<Received> {
        switch state {
        case .serving(let owed, _), .ending(let owed, _, _): owed.queue
        case .closed: []
        }
    }

    /// True when the connection owes nothing and is waiting for the client: it may be
    /// closed for idleness without losing an answer.
    var isIdle: Bool {
        guard case .serving(let owed, let readHeldBack) = state else { return false }
        return owed.isSettled && !readHeldBack
    }

    // MARK: events and their actions

    enum ReceivedAction {
        /// Answer it now (the handler writes exactly one response).
        case answer(Received)
        /// Answer it now with RESOURCE_EXHAUSTED and its own id: too many wait (limits).
        case refuse(Received)
        /// It waits in the queue, or is dropped because the connection is failing or closed.
        case none
    }

    /// A request body arrived.
    mutating func received(_ request: Received, isWritable: Bool) -> ReceivedAction {
        switch state {
        case .serving(var owed, let readHeldBack):
            let admission = owed.admit(request, isWritable: isWritable, maxQueued: maxQueued)
            state = .serving(owed, readHeldBack: readHeldBack)
            return Self.action(admission)
        case .ending(var owed, let reason, let final) where reason != .framingError:
            // Frames decoded after a half-close or quiesce began are still owed an answer.
            let admission = owed.admit(request, isWritable: isWritable, maxQueued: maxQueued)
            state = .ending(owed, reason: reason, final: final)
            return Self.action(admission)
        case .ending, .closed:
            // After a framing error the stream cannot be trusted: nothing more is answered.
            return .none
        }
    }

    private static func action(_ admission: Owed.Admission) -> ReceivedAction {
        switch admission {
        case .answer(let request): .answer(request)
        case .refuse(let request): .refuse(request)
        case .queued: .none
        }
    }

    enum ReadAction {
        /// Pass the read on: more requests may come in.
        case read
        /// Hold it back (answers are waiting for the client, or nothing more is read).
        case holdBack
    }

    /// The pipeline asks for more bytes to be read.
    mutating func readRequested(isWritable: Bool) -> ReadAction {
        guard case .serving(let owed, _) = state else { return .holdBack }
        if owed.queue.isEmpty, isWritable { return .read }
        state = .serving(owed, readHeldBack: true)
        return .holdBack
    }

    enum NextAction {
        /// Answer this queued request (one response is written).
        case answer(Received)
        /// Write the id-0 answer reporting this framing error.
        case writeError(WireError)
        /// Resume reading: the queue is empty and the socket writable again.
        case read
        /// Close the connection: everything owed is written.
        /// Everything owed is written: close (gently: see ``EndingReason/closesGently``).
        case close(gently: Bool)
        /// Nothing to do until the socket becomes writable or a write completes.
        case wait
    }

    /// What to do next; the handler asks again after each action until `.wait` or `.close`.
    /// Asked when the socket's writability changes and when the connection starts ending.
    mutating func next(isWritable: Bool) -> NextAction {
        switch state {
        case .serving(var owed, let readHeldBack):
            if let request = owed.next(isWritable: isWritable) {
                state = .serving(owed, readHeldBack: readHeldBack)
                return .answer(request)
            }
            guard readHeldBack, owed.queue.isEmpty, isWritable else { return .wait }
            state = .serving(owed, readHeldBack: false)
            return .read
        case .ending(var owed, let reason, let final):
            if let request = owed.next(isWritable: isWritable) {
                state = .ending(owed, reason: reason, final: final)
                return .answer(request)
            }
            guard owed.queue.isEmpty else { return .wait }
            if case .error(let error) = final {
                // Small, and the last thing written: it need not wait for writability.
                owed.writesInFlight += 1
                state = .ending(owed, reason: reason, final: .written)
                return .writeError(error)
            }
            guard owed.isSettled else { return .wait }
            state = .closed
            return .close(gently: reason.closesGently)
        case .closed:
            return .wait
        }
    }

    enum CloseAction {
        /// Close the channel (gently: see ``EndingReason/closesGently``).
        case close(gently: Bool)
        case none
    }

    /// One response has been written (or failed to be). Closes an ending connection once
    /// its last answer is on the wire.
    mutating func writeCompleted() -> CloseAction {
        switch state {
        case .serving(var owed, let readHeldBack):
            owed.writesInFlight -= 1
            state = .serving(owed, readHeldBack: readHeldBack)
            return .none
        case .ending(var owed, let reason, let final):
            owed.writesInFlight -= 1
            let errorStillOwed = if case .error = final { true } else { false }
            guard owed.isSettled, !errorStillOwed else {
                state = .ending(owed, reason: reason, final: final)
                return .none
            }
            state = .closed
            return .close(gently: reason.closesGently)
        case .closed:
            return .none
        }
    }

    enum EndAction {
        /// Start the drain timer, then ask `next` until it says wait or close.
        case startDraining
        /// Write the going-away notice (one response), then as `startDraining`.
        case announceGoingAway
        case none
    }

    /// The server is shutting down gracefully: tell the client (an id-0 notice naming the
    /// last request that will be answered), stop reading, answer what was received.
    mutating func goAway() -> EndAction {
        guard case .serving(var owed, _) = state else { return .none }
        owed.writesInFlight += 1
        state = .ending(owed, reason: .serverQuiescing, final: .nothing)
        return .announceGoingAway
    }

    /// The client half-closed, or the server is quiescing: stop reading, answer what was received.
    mutating func stopReading(_ reason: EndingReason) -> EndAction {
        guard case .serving(let owed, _) = state else { return .none }
        state = .ending(owed, reason: reason, final: .nothing)
        return .startDraining
    }

    /// The frame decoder refused the byte stream: answer what was received before the bad
    /// frame, then report `error` (id 0), then close.
    mutating func framingFailed(_ error: WireError) -> EndAction {
        switch state {
        case .serving(let owed, _):
            state = .ending(owed, reason: .framingError, final: .error(error))
            return .startDraining
        case .ending(let owed, let reason, .nothing) where reason != .framingError:
            // Already draining (e.g. a frame cut short by the half-close that began it): the
            // timer runs; the error now follows the queued answers.
            state = .ending(owed, reason: .framingError, final: .error(error))
            return .none
        case .ending, .closed:
            return .none
        }
    }

    /// The socket failed, the drain timer fired, or the channel closed: nobody can be
    /// answered any more. Returns `.close` when the handler must close the channel.
    mutating func abandon() -> CloseAction {
        if case .closed = state { return .none }
        state = .closed
        return .close(gently: false)
    }
}
