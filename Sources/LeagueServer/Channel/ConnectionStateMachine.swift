import NIOCore
import LeagueWire

/// The life of one connection as explicit states; each event returns the action the
/// handler must take, so every rule lives here and `RequestHandler` only does I/O
/// (after Hummingbird's connection state machines).
///
/// ```
///  serving ──half-close / quiesce / framing error──▶ ending ──queue answered,
///     │                                                │    error written, writes done──▶ closed
///     └──────────── I/O error / channel inactive ──────┴──── drain timeout ──────────────▶ closed
/// ```
/// - `serving`: requests are read and answered. While the socket is not writable (the
///   client is not reading its answers) received requests wait in `queue`, unanswered,
///   and reads are held back, so a client that stops reading costs one read's worth of
///   small request bodies, never a pile of large answers.
/// - `ending`: nothing more is read. Every request already received is answered (still
///   only as the client reads), then, after a framing error, the id-0 error; the
///   connection closes once every write has completed. A drain timer, started on entry,
///   cuts off a client that never reads.
/// - `closed`: nothing more happens.
struct ConnectionStateMachine {
    /// A request body that has arrived, and when (its deadline counts from then).
    struct Received {
        var body: ByteBuffer
        var at: ContinuousClock.Instant
    }

    /// Why no more requests are read.
    enum EndingReason: Equatable {
        case clientFinishedSending
        case serverQuiescing
        /// The byte stream broke the framing rules; the error is answered after the queue.
        case framingError
    }

    /// What is still owed to the client once the queue is answered.
    enum FinalAnswer {
        case nothing
        case error(WireError)
        case written

        /// True while the error answer is still to be written.
        var isPending: Bool {
            if case .error = self { return true }
            return false
        }
    }

    enum State {
        case serving(queue: CircularBuffer<Received>, readHeldBack: Bool, writesInFlight: Int)
        case ending(reason: EndingReason, queue: CircularBuffer<Received>, final: FinalAnswer, writesInFlight: Int)
        case closed
    }

    private(set) var state: State = .serving(queue: [], readHeldBack: false, writesInFlight: 0)

    // MARK: events and their actions

    enum ReceivedAction {
        /// Answer it now (the handler writes exactly one response).
        case answer(Received)
        /// It waits in the queue, or is dropped because the connection is failing or closed.
        case none
    }

    /// A request body arrived.
    mutating func received(_ request: Received, isWritable: Bool) -> ReceivedAction {
        switch state {
        case .serving(var queue, let readHeldBack, let inFlight):
            if queue.isEmpty, isWritable {
                state = .serving(queue: queue, readHeldBack: readHeldBack, writesInFlight: inFlight + 1)
                return .answer(request)
            }
            queue.append(request)
            state = .serving(queue: queue, readHeldBack: readHeldBack, writesInFlight: inFlight)
            return .none
        case .ending(let reason, var queue, let final, let inFlight):
            // Frames decoded after a half-close or quiesce began are still owed an answer;
            // after a framing error the stream cannot be trusted, so nothing more is answered.
            guard reason != .framingError else { return .none }
            if queue.isEmpty, isWritable {
                state = .ending(reason: reason, queue: queue, final: final, writesInFlight: inFlight + 1)
                return .answer(request)
            }
            queue.append(request)
            state = .ending(reason: reason, queue: queue, final: final, writesInFlight: inFlight)
            return .none
        case .closed:
            return .none
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
        guard case .serving(let queue, _, let inFlight) = state else { return .holdBack }
        if queue.isEmpty, isWritable { return .read }
        state = .serving(queue: queue, readHeldBack: true, writesInFlight: inFlight)
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
        case close
        /// Nothing to do until the socket becomes writable or a write completes.
        case wait
    }

    /// What to do next; the handler asks again after each action until `.wait` or `.close`.
    /// Asked when the socket's writability changes and when the connection starts ending.
    mutating func next(isWritable: Bool) -> NextAction {
        switch state {
        case .serving(var queue, let readHeldBack, let inFlight):
            guard isWritable else { return .wait }
            if let request = queue.popFirst() {
                state = .serving(queue: queue, readHeldBack: readHeldBack, writesInFlight: inFlight + 1)
                return .answer(request)
            }
            if readHeldBack {
                state = .serving(queue: queue, readHeldBack: false, writesInFlight: inFlight)
                return .read
            }
            return .wait
        case .ending(let reason, var queue, let final, let inFlight):
            if !queue.isEmpty {
                guard isWritable, let request = queue.popFirst() else { return .wait }
                state = .ending(reason: reason, queue: queue, final: final, writesInFlight: inFlight + 1)
                return .answer(request)
            }
            switch final {
            case .error(let error):
                // Small, and the last thing written: it need not wait for writability.
                state = .ending(reason: reason, queue: queue, final: .written, writesInFlight: inFlight + 1)
                return .writeError(error)
            case .nothing, .written:
                guard inFlight == 0 else { return .wait }
                state = .closed
                return .close
            }
        case .closed:
            return .wait
        }
    }

    enum CloseAction {
        case close
        case none
    }

    /// One response has been written (or failed to be). Closes an ending connection once
    /// its last answer is on the wire.
    mutating func writeCompleted() -> CloseAction {
        switch state {
        case .serving(let queue, let readHeldBack, let inFlight):
            state = .serving(queue: queue, readHeldBack: readHeldBack, writesInFlight: inFlight - 1)
            return .none
        case .ending(let reason, let queue, let final, let inFlight):
            let remaining = inFlight - 1
            if remaining == 0, queue.isEmpty, !final.isPending {
                state = .closed
                return .close
            }
            state = .ending(reason: reason, queue: queue, final: final, writesInFlight: remaining)
            return .none
        case .closed:
            return .none
        }
    }

    enum EndAction {
        /// Start the drain timer, then ask `next` until it says wait or close.
        case startDraining
        case none
    }

    /// The client half-closed, or the server is quiescing: stop reading, answer what was received.
    mutating func stopReading(_ reason: EndingReason) -> EndAction {
        guard case .serving(let queue, _, let inFlight) = state else { return .none }
        state = .ending(reason: reason, queue: queue, final: .nothing, writesInFlight: inFlight)
        return .startDraining
    }

    /// The frame decoder refused the byte stream: answer what was received before the bad
    /// frame, then report `error` (id 0), then close.
    mutating func framingFailed(_ error: WireError) -> EndAction {
        switch state {
        case .serving(let queue, _, let inFlight):
            state = .ending(reason: .framingError, queue: queue, final: .error(error), writesInFlight: inFlight)
            return .startDraining
        case .ending(let reason, let queue, .nothing, let inFlight) where reason != .framingError:
            // Already draining (e.g. a frame cut short by the half-close that began it): the
            // timer runs; the error now follows the queued answers.
            state = .ending(reason: .framingError, queue: queue, final: .error(error), writesInFlight: inFlight)
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
        return .close
    }
}
