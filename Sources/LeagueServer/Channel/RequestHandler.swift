import Logging
import NIOCore
import LeagueWire

/// The last handler of a connection's pipeline: turns each framed request body into
/// a `Request`, asks the responder, and writes the framed `Response`.
///
/// - A body that is not a valid `Request` gets an id-0 INVALID_ARGUMENT answer and the
///   connection stays open (the frame boundary is intact, so the next frame is fine).
/// - A framing error raised by `FrameDecoder` (oversized length, bad flags) gets an id-0
///   answer with the error's status code, then the connection is closed: after a bad
///   header the byte stream cannot be trusted.
/// - Answers are written as they are produced and flushed once per read batch, so a
///   client pipelining many requests gets few syscalls.
/// - Back-pressure: when the socket stops being writable (the client is not reading
///   its answers) the handler stops reading new requests until it drains.
final class RequestHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let responder: any RequestResponder
    private let logger: Logger
    private var pendingRead = false
    private var closing = false
    /// Completes when the most recent answer has been written; closing waits for it.
    private var lastWrite: EventLoopFuture<Void>?

    init(responder: any RequestResponder, logger: Logger) {
        self.responder = responder
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        let body = Self.unwrapInboundIn(data)
        let received = NIODeadline.now()
        let response: Response
        do {
            let request = try ProtobufCodec.decodeRequest(body)
            let answer = responder.respond(to: request)
            if request.deadlineMs > 0, NIODeadline.now() - received > .milliseconds(Int64(request.deadlineMs)) {
                response = .error(
                    id: request.id, .deadlineExceeded, "no answer within the request's \(request.deadlineMs) ms deadline",
                    dataVersion: answer.dataVersion)
            } else {
                response = answer
            }
        } catch {
            logger.debug("undecodable request body", metadata: ["error": "\(error)"])
            response = .error(
                id: 0, .invalidArgument,
                "the frame body is not a valid nhs.league.v1.Request (\(error.message)); the connection stays open",
                dataVersion: responder.currentDataVersion)
        }
        write(response, context: context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !closing else { return }
        closing = true
        let status: Status
        if let wire = error as? WireError {
            status = Status(code: wire.code, message: wire.message)
        } else {
            status = Status(code: .internal, message: "connection error: \(error)")
        }
        logger.debug("closing connection after a framing error", metadata: ["status": "\(status.code)"])
        let response = Response(id: 0, status: status, dataVersion: responder.currentDataVersion)
        let channel = context.channel
        context.writeAndFlush(Self.wrapOutboundOut(ByteBuffer(bytes: ProtobufCodec.encode(response))))
            .whenComplete { _ in channel.close(promise: nil) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            // Graceful shutdown. Requests are answered as soon as their frame is
            // complete, so every request received so far has been answered: flush
            // and close once the answers are on the wire.
            closing = true
            context.flush()
            if let lastWrite {
                let channel = context.channel
                lastWrite.whenComplete { _ in channel.close(promise: nil) }
            } else {
                context.close(promise: nil)
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: back-pressure

    func read(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            context.read()
        } else {
            pendingRead = true
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, pendingRead {
            pendingRead = false
            context.read()
        }
        context.fireChannelWritabilityChanged()
    }

    private func write(_ response: Response, context: ChannelHandlerContext) {
        let bytes = ProtobufCodec.encode(response)
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.write(Self.wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: promise)
        lastWrite = promise.futureResult
    }
}
