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
final class RequestHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let service: LeagueService
    private var logger: Logger
    private let drainTimeout: TimeAmount

    private var machine = ConnectionStateMachine()
    /// When the current read batch began: deadlines count from here, so a request that
    /// waited behind others in the same batch is measured fairly.
    private var batchStart: ContinuousClock.Instant?
    /// Cuts off a client that does not read what it is owed once the connection is ending.
    private var drainTimer: Scheduled<Void>?

    init(service: LeagueService, logger: Logger, drainTimeout: TimeAmount) {
        self.service = service
        self.logger = logger
        self.drainTimeout = drainTimeout
    }

    // MARK: inbound events

    // MARK: operations: connection logs and metrics
    func channelActive(context: ChannelHandlerContext) {
        logger[metadataKey: "peer"] = "\(context.channel.remoteAddress.map { "\($0)" } ?? "?")"
        logger.debug("connection opened")
        ServiceMetrics.connectionOpened(protocol: Self.protocolLabel)
        context.fireChannelActive()
    }

    /// The `protocol` label of this transport's metrics.
    static let protocolLabel = "tcp"
    private var requestMetrics = RequestRecorder(protocol: RequestHandler.protocolLabel)

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let at = batchStart ?? .now
        batchStart = at
        let request = ConnectionStateMachine.Received(body: Self.unwrapInboundIn(data), at: at)
        switch machine.received(request, isWritable: context.channel.isWritable) {
        case .answer(let request): write(answer(request), context: context)
        case .none: break
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        batchStart = nil
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
            // Graceful shutdown: stop taking new requests, answer those received, close.
            end(machine.stopReading(.serverQuiescing), reason: "server shutting down", context: context)
        case ChannelEvent.inputClosed:
            // The client sent its last request (half-close): answer everything, then close.
            end(machine.stopReading(.clientFinishedSending), reason: "client finished sending", context: context)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
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
        logger.debug("connection closed")  // operations
        ServiceMetrics.connectionClosed(protocol: Self.protocolLabel)  // operations
        _ = machine.abandon()
        drainTimer?.cancel()
        drainTimer = nil
        context.fireChannelInactive()
    }

    // MARK: outbound: back-pressure

    func read(context: ChannelHandlerContext) {
        switch machine.readRequested(isWritable: context.channel.isWritable) {
        case .read: context.read()
        case .holdBack: break
        }
    }

    // MARK: actions

    /// Carries out what the state machine asks until it has to wait.
    private func proceed(context: ChannelHandlerContext) {
        var wrote = false
        defer { if wrote { context.flush() } }
        while true {
            switch machine.next(isWritable: context.channel.isWritable) {
            case .answer(let request):
                write(answer(request), context: context)
                wrote = true
            case .writeError(let error):
                write(service.errorResponse(for: error), context: context)
                wrote = true
            case .read:
                context.read()
            case .close:
                context.close(promise: nil)
                return
            case .wait:
                return
            }
        }
    }

    private func end(_ action: ConnectionStateMachine.EndAction, reason: String, context: ChannelHandlerContext) {
        if case .startDraining = action {
            logger.debug("ending connection once answered", metadata: ["reason": "\(reason)"])
            // A client that never reads its answers must not hold the connection (or a
            // graceful shutdown) open forever.
            drainTimer = context.eventLoop.assumeIsolated().scheduleTask(in: drainTimeout) { [self] in
                if case .close = machine.abandon() {
                    logger.debug("drain timeout: closing a connection that did not read its answers")
                    context.close(promise: nil)
                }
            }
        }
        proceed(context: context)
    }

    private func answer(_ request: ConnectionStateMachine.Received) -> Response {
        let decoded: Request
        do {
            decoded = try ProtobufCodec.decodeRequest(request.body)
        } catch {
            logger.debug("undecodable request body", metadata: ["error": "\(error)"])
            ServiceMetrics.recordRefusedFrame(reason: error.kind.rawValue, protocol: Self.protocolLabel)  // operations
            return service.errorResponse(for: error)
        }
        let response = service.respond(to: decoded, receivedAt: request.at)
        // MARK: operations: every answered request is counted and timed (from its arrival).
        requestMetrics.record(
            call: decoded.call.name, code: response.status.code, duration: ContinuousClock.now - request.at)
        return response
    }

    /// Writes one response; the state machine hears when it is on the wire (or failed).
    private func write(_ response: Response, context: ChannelHandlerContext) {
        let promise = context.eventLoop.makePromise(of: Void.self)
        promise.futureResult.assumeIsolated().whenComplete { [self] _ in
            if case .close = machine.writeCompleted() { context.close(promise: nil) }
        }
        context.write(Self.wrapOutboundOut(ByteBuffer(bytes: ProtobufCodec.encode(response))), promise: promise)
    }
}
