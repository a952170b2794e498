import LeagueWire
import Logging
import NIOCore

/// The last handler of a connection's pipeline: turns each framed request body into
/// a `Request`, asks the responder, and writes the framed `Response`.
///
/// - A body that is not a valid `Request` gets an id-0 INVALID_ARGUMENT answer and the
///   connection stays open (the frame boundary is intact, so the next frame is fine).
/// - A framing error raised by `FrameDecoder` (oversized length, bad flags, a frame cut
///   short by the client half-closing) gets an id-0 answer with the error's status code,
///   then the connection is closed: after a bad header the byte stream cannot be trusted.
/// - Answers are written as they are produced and flushed once per read batch, so a
///   client pipelining many requests gets few syscalls.
/// - Back-pressure: while the socket is not writable (the client is not reading its
///   answers) requests already received wait in a queue, unanswered, and no more are
///   read; they are answered as the client drains. One client can therefore hold at most
///   one read's worth of small request bodies, never a pile of large answers.
/// - Ending: when the client half-closes, or the server quiesces for a graceful
///   shutdown, every request already received is answered before the connection closes;
///   a client that stops reading is cut off after `drainTimeout`.
final class RequestHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let responder: any RequestResponder
    private let logger: Logger
    private let drainTimeout: TimeAmount

    /// Received bodies not answered yet because the socket was not writable.
    private var queued = CircularBuffer<(body: ByteBuffer, received: NIODeadline)>()
    /// A `read` the pipeline asked for while we were holding back.
    private var readHeldBack = false
    /// Set after a framing error: nothing more is read or answered.
    private var failed = false
    /// Set on half-close or quiesce: answer what is queued, then close.
    private var ending = false
    /// When the current read batch began: deadlines count from here, so a request that
    /// waited behind others in the same batch is measured fairly.
    private var batchStart: NIODeadline?
    /// Completes when the most recent answer has been written; closing waits for it.
    private var lastWrite: EventLoopFuture<Void>?

    init(responder: any RequestResponder, logger: Logger, drainTimeout: TimeAmount) {
        self.responder = responder
        self.logger = logger
        self.drainTimeout = drainTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        let received = batchStart ?? NIODeadline.now()
        batchStart = received
        let body = Self.unwrapInboundIn(data)
        if queued.isEmpty, context.channel.isWritable {
            answer(body, received: received, context: context)
        } else {
            queued.append((body, received))
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        batchStart = nil
        context.flush()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !failed else { return }
        failed = true
        queued.removeAll()
        guard let wire = error as? WireError else {
            // A socket error (reset, broken pipe): nobody to answer; just close.
            logger.debug("closing connection after an I/O error", metadata: ["error": "\(error)"])
            context.close(promise: nil)
            return
        }
        logger.debug("closing connection after a framing error", metadata: ["status": "\(wire.code)"])
        let response = Response(
            id: 0, status: Status(code: wire.code, message: wire.message), dataVersion: responder.currentDataVersion)
        let channel = context.channel
        context.writeAndFlush(Self.wrapOutboundOut(ByteBuffer(bytes: ProtobufCodec.encode(response))))
            .whenComplete { _ in channel.close(promise: nil) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent:
            // Graceful shutdown: stop taking new requests, answer those received, close.
            beginEnding(context: context, reason: "server shutting down")
        case ChannelEvent.inputClosed:
            // The client sent its last request (half-close): answer everything, then close.
            beginEnding(context: context, reason: "client finished sending")
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    // MARK: back-pressure

    func read(context: ChannelHandlerContext) {
        if ending || failed || !queued.isEmpty || !context.channel.isWritable {
            readHeldBack = true
        } else {
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        drainQueue(context: context)
        context.fireChannelWritabilityChanged()
    }

    private func drainQueue(context: ChannelHandlerContext) {
        var answered = false
        while context.channel.isWritable, !failed, let next = queued.popFirst() {
            answer(next.body, received: next.received, context: context)
            answered = true
        }
        if answered { context.flush() }
        guard queued.isEmpty else { return }
        if ending {
            closeAfterLastWrite(context: context)
        } else if readHeldBack, context.channel.isWritable {
            readHeldBack = false
            context.read()
        }
    }

    // MARK: answering and ending

    private func answer(_ body: ByteBuffer, received: NIODeadline, context: ChannelHandlerContext) {
        let response: Response
        do {
            let request = try ProtobufCodec.decodeRequest(body)
            let answer = responder.respond(to: request)
            if request.deadlineMs > 0, NIODeadline.now() - received > .milliseconds(Int64(request.deadlineMs)) {
                response = .error(
                    id: request.id, .deadlineExceeded,
                    "no answer within the request's \(request.deadlineMs) ms deadline",
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
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.write(Self.wrapOutboundOut(ByteBuffer(bytes: ProtobufCodec.encode(response))), promise: promise)
        lastWrite = promise.futureResult
    }

    private func beginEnding(context: ChannelHandlerContext, reason: String) {
        guard !ending, !failed else { return }
        ending = true
        logger.debug("ending connection once answered", metadata: ["reason": "\(reason)", "queued": "\(queued.count)"])
        // A client that never reads its answers must not hold the connection (or a
        // graceful shutdown) open forever.
        let channel = context.channel
        context.eventLoop.scheduleTask(in: drainTimeout) { channel.close(promise: nil) }
        drainQueue(context: context)
    }

    private func closeAfterLastWrite(context: ChannelHandlerContext) {
        context.flush()
        guard let pending = lastWrite else {
            context.close(promise: nil)
            return
        }
        // Close once the newest answer is on the wire. If more answers were written in the
        // meantime (re-entrant writability events can answer more), wait for those instead.
        let loopBound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        pending.whenComplete { _ in
            let (handler, context) = loopBound.value
            if handler.lastWrite === pending, handler.queued.isEmpty {
                context.close(promise: nil)
            } else if handler.queued.isEmpty {
                handler.closeAfterLastWrite(context: context)
            }
            // Otherwise answers are still queued: draining will call us again.
        }
    }
}
