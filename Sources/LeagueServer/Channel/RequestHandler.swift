import LeagueService
import LeagueWire
import Logging
import NIOCore

/// The last handler of a connection's pipeline: turns each framed request body into a
/// `Request`, asks the `LeagueService`, and writes the encoded `Response`. Transport only:
/// when to answer, hold back, drain or close is decided by `ConnectionStateMachine`; what
/// to answer, by the service.
///
/// - A body that is not a valid `Request` gets an id-0 INVALID_ARGUMENT answer and the
///   connection stays open (the frame boundary is intact, so the next frame is fine).
/// - A framing error raised by `FrameDecoder` (oversized length, bad flags, a frame cut
///   short by the client half-closing) is answered after every request received before
///   it, with an id-0 answer carrying the error's status; then the connection closes:
///   after a bad header the byte stream cannot be trusted.
/// - Answers are flushed once per read batch, so a client pipelining many requests gets
///   few syscalls.
/// - Write path (performance): answers come encoded from `LeagueService.respondEncoded`
///   and are framed straight into one outbound buffer per read batch (header and id in
///   place, then the shared encoded bytes), handed on with one write and one promise, so
///   no per-answer array, buffer, promise or pipeline trip. The pipeline has no frame
///   encoder: buffers written here are already framed.
final class RequestHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let service: LeagueService
    private var logger: Logger
    private let drainTimeout: TimeAmount

    private var machine: ConnectionStateMachine
    /// When the current read batch began: deadlines count from here, so a request that
    /// waited behind others in the same batch is measured fairly.
    private var batchStart: ContinuousClock.Instant?
    /// Cuts off a client that does not read what it is owed once the connection is ending.
    private var drainTimer: Scheduled<Void>?

    // MARK: write path (performance)
    /// Framed answers not yet handed to the channel, and how many.
    private var pending: ByteBuffer?
    private var pendingAnswers = 0
    /// A batch is handed on once it holds this much, so the channel's writability (and
    /// so back-pressure) never lags by more than one such buffer. Also its capacity (it is
    /// never grown): small enough that 64 busy connections hold 1 MiB of batches.
    static let batchHandOverBytes = 16 * 1024

    /// - Parameter maxRequestsInFlight: most requests left waiting for an answer (limits);
    ///   a request past it is answered RESOURCE_EXHAUSTED at once.
    init(service: LeagueService, logger: Logger, drainTimeout: TimeAmount, maxRequestsInFlight: Int = .max) {
        self.service = service
        self.logger = logger
        self.drainTimeout = drainTimeout
        self.machine = ConnectionStateMachine(maxQueued: maxRequestsInFlight)
    }

    // MARK: limits and going away (issue 14)
    /// The id of the last request answered (or refused), in arrival order: what the
    /// going-away notice names when nothing waits in the queue.
    private var lastAnsweredID: UInt64 = 0

    // MARK: inbound events

    // MARK: operations: connection logs and metrics
    func channelActive(context: ChannelHandlerContext) {
        connectionOpened(context: context)
        context.fireChannelActive()
    }

    /// The protocol sniffer (gRPC, issue 13) adds this handler once the first bytes arrive,
    /// to a channel that is already active, so `channelActive` never reaches it then.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { connectionOpened(context: context) }
    }

    private var counted = false

    private func connectionOpened(context: ChannelHandlerContext) {
        guard !counted else { return }
        counted = true
        logger[metadataKey: "peer"] = "\(context.channel.remoteAddress.map { "\($0)" } ?? "?")"
        logger.debug("connection opened")
        ServiceMetrics.connectionOpened(protocol: Self.protocolLabel)
    }

    /// The `protocol` label of this transport's metrics.
    static let protocolLabel = "tcp"
    private var requestMetrics = RequestRecorder(protocol: RequestHandler.protocolLabel)

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let at = batchStart ?? .now
        batchStart = at
        // The instance `unwrapInboundIn`, not the static one: see GRPCConnectionHandler.channelRead.
        let request = ConnectionStateMachine.Received(body: unwrapInboundIn(data), at: at)
        switch machine.received(request, isWritable: context.channel.isWritable) {
        case .answer(let request): write(answer(request), context: context)
        case .refuse(let request): write(refusal(request), context: context)
        case .none: break
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        batchStart = nil
        handOver(context: context)
        context.flush()
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        proceed(context: context)
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent:
            // Graceful shutdown: tell the client which requests will still be answered, stop
            // taking new ones, answer those received, close.
            let lastID = lastReceivedID
            end(machine.goAway(), reason: "server going away", context: context, lastID: lastID)
        case IdleStateHandler.IdleStateEvent.read:
            // Idle timeout (limits): nothing heard for the whole timeout (the server's
            // `IdleStateHandler` watches reads only: why there), and nothing owed.
            guard machine.isIdle else { return }
            logger.debug("closing an idle connection")
            Limit.idle.tripped()
            if case .close = machine.abandon() { context.close(promise: nil) }
        case ChannelEvent.inputClosed where lingering:
            context.close(promise: nil)
        case ChannelEvent.inputClosed:
            // The client sent its last request (half-close): answer everything, then close.
            end(machine.stopReading(.clientFinishedSending), reason: "client finished sending", context: context)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let decoderError = error as? ByteToMessageDecoderError, case .dataReceivedInErrorState = decoderError {
            // Bytes read after the framing error (in the same read loop): the error is
            // already owed and the stream already distrusted. Closing now would drop the
            // answers still queued behind back-pressure.
            return
        }
        guard let wire = error as? WireError else {
            // A socket error (reset, broken pipe): nobody to answer; just close.
            logger.debug("closing connection after an I/O error", metadata: ["error": "\(error)"])
            if case .close = machine.abandon() { context.close(promise: nil) }
            return
        }
        logger.debug("ending connection after a framing error", metadata: ["status": "\(wire.code)"])
        ServiceMetrics.recordRefusedFrame(reason: wire.kind.rawValue, protocol: Self.protocolLabel)  // operations
        end(machine.framingFailed(wire), reason: "framing error", context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if counted {  // operations
            logger.debug("connection closed")
            ServiceMetrics.connectionClosed(protocol: Self.protocolLabel)
        }
        _ = machine.abandon()
        drainTimer?.cancel()
        drainTimer = nil
        context.fireChannelInactive()
    }

    // MARK: outbound: back-pressure

    func read(context: ChannelHandlerContext) {
        if lingering { return context.read() }  // discarding, so the close is not a reset
        switch machine.readRequested(isWritable: context.channel.isWritable) {
        case .read: context.read()
        case .holdBack: break
        }
    }

    // MARK: actions

    /// Carries out what the state machine asks until it has to wait.
    private func proceed(context: ChannelHandlerContext) {
        var wrote = false
        defer {
            if wrote {
                handOver(context: context)
                context.flush()
            }
        }
        while true {
            switch machine.next(isWritable: context.channel.isWritable) {
            case .answer(let request):
                write(answer(request), context: context)
                wrote = true
            case .writeError(let error):
                write(EncodedResponse(service.errorResponse(for: error)), context: context)
                wrote = true
            case .read:
                context.read()
            case .close(let gently):
                handOver(context: context)
                closeAnswered(gently: gently, context: context)
                return
            case .wait:
                return
            }
        }
    }

    private func end(
        _ action: ConnectionStateMachine.EndAction, reason: String, context: ChannelHandlerContext, lastID: UInt64 = 0
    ) {
        if case .announceGoingAway = action {
            // Small, and ahead of the queued answers: it need not wait for writability, and
            // the client learns at once to send its next requests elsewhere.
            logger.debug("going away", metadata: ["last_id": "\(lastID)"])
            write(EncodedResponse(service.goingAwayNotice(lastAnsweredID: lastID)), context: context)
            handOver(context: context)
            context.flush()
        }
        switch action {
        case .startDraining, .announceGoingAway:
            logger.debug("ending connection once answered", metadata: ["reason": "\(reason)"])
            // A client that never reads its answers must not hold the connection (or a
            // graceful shutdown) open forever.
            drainTimer = context.eventLoop.assumeIsolated().scheduleTask(in: drainTimeout) { [self] in
                if case .close = machine.abandon() {
                    logger.debug("drain timeout: closing a connection that did not read its answers")
                    context.close(promise: nil)
                }
            }
        case .none:
            break
        }
        proceed(context: context)
    }

    /// How long a gently closing connection, its sending side closed, waits for the client
    /// to close before it is closed anyway.
    static let closeLinger: TimeAmount = .seconds(1)
    /// Our sending side is closed; what the client still sends is read and dropped.
    private var lingering = false

    /// Closes a connection that has been sent everything it is owed: gently (after going
    /// away or a framing error, when the client may have sent requests that are never read)
    /// or at once. While lingering, what arrives is dropped.
    private func closeAnswered(gently: Bool, context: ChannelHandlerContext) {
        guard gently, !lingering else { return context.close(promise: nil) }
        lingering = true
        context.closeOutputThenLinger(Self.closeLinger)
    }

    /// The id of the last request received that will be answered: the newest queued one
    /// (an undecodable body is answered with id 0, so it is skipped), else the last answered.
    private var lastReceivedID: UInt64 {
        for request in machine.waiting.reversed() {
            if let decoded = try? ProtobufCodec.decodeRequest(request.body) { return decoded.id }
        }
        return lastAnsweredID
    }

    /// The RESOURCE_EXHAUSTED answer, with its own id, to a request past the in-flight limit.
    private func refusal(_ request: ConnectionStateMachine.Received) -> EncodedResponse {
        Limit.requestsInFlight.tripped()
        let id = (try? ProtobufCodec.decodeRequest(request.body))?.id ?? 0
        lastAnsweredID = id
        return EncodedResponse(service.errorResponse(id: id, for: Limit.tooManyInFlight(machine.maxQueued)))
    }

    private func answer(_ request: ConnectionStateMachine.Received) -> EncodedResponse {
        let decoded: Request
        do {
            decoded = try ProtobufCodec.decodeRequest(request.body)
        } catch {
            logger.debug("undecodable request body", metadata: ["error": "\(error)"])
            ServiceMetrics.recordRefusedFrame(reason: error.kind.rawValue, protocol: Self.protocolLabel)  // operations
            return EncodedResponse(service.errorResponse(for: error))
        }
        lastAnsweredID = decoded.id
        let response = service.respondEncoded(to: decoded, receivedAt: request.at)
        // MARK: operations: every answered request is counted and timed (from its arrival).
        requestMetrics.record(call: decoded.call.name, code: response.code, duration: ContinuousClock.now - request.at)
        return response
    }

    /// Frames one answer into the batch; the state machine hears when it is on the wire
    /// (or failed) once the batch is.
    private func write(_ answer: EncodedResponse, context: ChannelHandlerContext) {
        let frameLength = Framing.headerLength + answer.messageLength
        // Never grown (a realloc copies everything written so far): a batch that cannot
        // take this answer is handed on first.
        if let batch = pending, batch.writableBytes < frameLength { handOver(context: context) }
        if pending == nil {
            pending = context.channel.allocator.buffer(capacity: max(frameLength, Self.batchHandOverBytes))
        }
        answer.writeFrame(into: &pending!)
        pendingAnswers += 1
        if pending!.readableBytes >= Self.batchHandOverBytes { handOver(context: context) }
    }

    /// Hands the batch to the channel as one write with one promise. NIO completes writes
    /// in order, so when it completes every answer in it has been written (or failed).
    private func handOver(context: ChannelHandlerContext) {
        guard let buffer = pending else { return }
        let answers = pendingAnswers
        pending = nil
        pendingAnswers = 0
        let promise = context.eventLoop.makePromise(of: Void.self)
        promise.futureResult.assumeIsolated().whenComplete { [self] _ in
            for _ in 0..<answers {
                if case .close(let gently) = machine.writeCompleted() {
                    closeAnswered(gently: gently, context: context)
                }
            }
        }
        context.write(Self.wrapOutboundOut(buffer), promise: promise)
    }
}
