import LeagueService
import LeagueWire
import Logging
import NIOCore
import NIOHPACK
import NIOHTTP2

/// Serves one gRPC call on one HTTP/2 stream: reads the request headers and messages
/// (gRPC's Length-Prefixed-Message, byte for byte our framing), asks the `GRPCRouter`'s
/// method, and writes the response headers, message and `grpc-status` trailers.
///
/// Errors follow the gRPC protocol spec: a request that is not gRPC gets an HTTP status
/// (405, 415); an unknown method UNIMPLEMENTED; a message over the limit RESOURCE_EXHAUSTED;
/// a compressed message UNIMPLEMENTED (no compression is offered); a unary call without
/// exactly one message INTERNAL; `grpc-timeout` expiring DEADLINE_EXCEEDED.
final class GRPCStreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    private enum State {
        case awaitingHeaders
        case receiving(GRPCHandlerKind, method: String)
        /// The status was sent; anything more from the client is ignored.
        case finished
    }

    private let router: GRPCRouter
    /// The connection's handler, which keeps the request metrics (same event loop).
    private let connection: GRPCConnectionHandler
    /// The League call being served ("get_trust"), counted when it finishes; nil for
    /// health, reflection and unknown methods.
    private var callName: String?
    private let logger: Logger
    private var state = State.awaitingHeaders
    private var received = ByteBuffer()
    /// The unary call's one message, held until the client ends the stream.
    private var unaryMessage: ByteBuffer?
    private var sentHeaders = false
    private var receivedAt = ContinuousClock.now
    private var timeout: TimeAmount?
    private var deadlineTimer: Scheduled<Void>?
    /// The client ended its side of the stream (END_STREAM received).
    private var clientFinished = false

    init(router: GRPCRouter, connection: GRPCConnectionHandler, logger: Logger) {
        self.router = router
        self.connection = connection
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .headers(let headers):
            if case .awaitingHeaders = state {
                start(headers.headers, endStream: headers.endStream, context: context)
            } else if headers.endStream {
                endOfRequest(context: context)  // trailers from the client: the request is complete
            }
        case .data(let data):
            guard case .receiving = state, case .byteBuffer(var bytes) = data.data else { break }
            received.writeBuffer(&bytes)
            readMessages(context: context)
            if data.endStream { endOfRequest(context: context) }
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadlineTimer?.cancel()
        state = .finished
        context.fireChannelInactive()
    }

    // MARK: request

    private func start(_ headers: HPACKHeaders, endStream: Bool, context: ChannelHandlerContext) {
        receivedAt = .now
        guard headers.first(name: ":method") == "POST" else {
            return refuse(httpStatus: "405", context: context)
        }
        guard let contentType = headers.first(name: "content-type"), contentType.hasPrefix("application/grpc") else {
            return refuse(httpStatus: "415", context: context)
        }
        let path = headers.first(name: ":path") ?? ""
        guard let handler = router.handler(forPath: path) else {
            return finish(.error(.unimplemented, "unknown method \(path)"), context: context)
        }
        state = .receiving(handler, method: path)
        callName = router.callName(forPath: path)
        if let header = headers.first(name: "grpc-timeout"), let timeout = GRPCTimeout.parse(header[...]) {
            self.timeout = timeout
            deadlineTimer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
                finish(.error(.deadlineExceeded, "the call's deadline (grpc-timeout) passed"), context: context)
            }
        }
        if endStream { endOfRequest(context: context) }
    }

    /// Takes every complete message out of `received`.
    private func readMessages(context: ChannelHandlerContext) {
        while case .receiving(let handler, _) = state {
            guard let flags = received.getInteger(at: received.readerIndex, as: UInt8.self),
                let length = received.getInteger(at: received.readerIndex + 1, as: UInt32.self)
            else { return }
            guard flags == 0 else {
                return finish(.error(.unimplemented, "compressed messages are not supported"), context: context)
            }
            guard length <= router.maxRequestBytes else {
                ServiceMetrics.recordRefusedFrame(
                    reason: WireError.Kind.messageTooLarge.rawValue, protocol: GRPCConnectionHandler.protocolLabel)
                return finish(
                    .error(
                        .resourceExhausted,
                        "request message of \(length) bytes exceeds the limit of \(router.maxRequestBytes)"),
                    context: context)
            }
            guard received.readableBytes >= 5 + Int(length) else { return }
            received.moveReaderIndex(forwardBy: 5)
            let message = received.readSlice(length: Int(length))!
            switch handler {
            case .unary:
                guard unaryMessage == nil else {
                    return finish(.error(.internal, "a unary call got more than one request message"), context: context)
                }
                unaryMessage = message
            case .bidiEcho(let answer):
                let result = answer(message)
                guard result.message != nil else { return finish(result, context: context) }
                send(result, context: context)
                context.flush()
            }
        }
        received.discardReadBytes()
    }

    private func endOfRequest(context: ChannelHandlerContext) {
        clientFinished = true
        guard case .receiving(let handler, _) = state else { return }
        guard received.readableBytes == 0 else {
            return finish(.error(.internal, "the request ended inside a message"), context: context)
        }
        switch handler {
        case .unary(let answer):
            guard let message = unaryMessage else {
                return finish(.error(.internal, "a unary call got no request message"), context: context)
            }
            finish(answer(message, remainingMilliseconds(), receivedAt), context: context)
        case .bidiEcho:
            finish(.error(.ok, ""), context: context)
        }
    }

    /// What is left of `grpc-timeout`, rounded up, for the service's own deadline check; 0 = none.
    private func remainingMilliseconds() -> UInt32 {
        guard let timeout else { return 0 }
        let nanoseconds = max(1, timeout.nanoseconds)
        return UInt32(clamping: (nanoseconds + 999_999) / 1_000_000)
    }

    // MARK: response

    private static let responseHeaders: HPACKHeaders = [":status": "200", "content-type": "application/grpc"]

    /// Writes the response headers (once) and one message.
    private func send(_ answer: GRPCAnswer, context: ChannelHandlerContext) {
        guard let message = answer.message else { return }
        if !sentHeaders {
            sentHeaders = true
            context.write(Self.wrapOutboundOut(.headers(.init(headers: Self.responseHeaders))), promise: nil)
        }
        var framed = context.channel.allocator.buffer(capacity: 5 + message.readableBytes)
        framed.writeInteger(UInt8(0))
        framed.writeInteger(UInt32(message.readableBytes))
        framed.writeImmutableBuffer(message)
        context.write(Self.wrapOutboundOut(.data(.init(data: .byteBuffer(framed)))), promise: nil)
    }

    /// Sends the answer's message (if any) and its status, ending the call.
    private func finish(_ answer: GRPCAnswer, context: ChannelHandlerContext) {
        if case .finished = state { return }
        state = .finished
        deadlineTimer?.cancel()
        var answer = answer
        if let message = answer.message, message.readableBytes > router.maxResponseBytes {
            answer = .error(
                .resourceExhausted,
                "response message of \(message.readableBytes) bytes exceeds the limit of \(router.maxResponseBytes)")
        }
        send(answer, context: context)
        // Trailers, or "Trailers-Only" (status in the one HEADERS frame) when nothing was sent.
        var trailers: HPACKHeaders = sentHeaders ? [:] : Self.responseHeaders
        trailers.add(name: "grpc-status", value: String(answer.status.code.rawValue))
        if !answer.status.message.isEmpty {
            trailers.add(name: "grpc-message", value: GRPCMessageEncoding.percentEncode(answer.status.message))
        }
        for (name, value) in answer.trailers { trailers.add(name: name, value: value) }
        // MARK: operations: every finished League call is counted with its final status
        // (deadline and size errors included) and timed from its headers.
        if let callName {
            connection.requestMetrics.record(
                call: callName, code: answer.status.code, duration: ContinuousClock.now - receivedAt)
        }
        if answer.status.code != .ok {
            logger.debug("gRPC call failed", metadata: ["grpc-status": "\(answer.status.code)"])
        }
        context.writeAndFlush(Self.wrapOutboundOut(.headers(.init(headers: trailers, endStream: true))), promise: nil)
        stopClient(context: context)
    }

    /// Not a gRPC request at all: an HTTP error status, as the gRPC spec asks.
    private func refuse(httpStatus: String, context: ChannelHandlerContext) {
        state = .finished
        let headers: HPACKHeaders = [":status": httpStatus]
        context.writeAndFlush(Self.wrapOutboundOut(.headers(.init(headers: headers, endStream: true))), promise: nil)
        stopClient(context: context)
    }

    /// Answered before the client finished sending (an error, or the deadline): as the gRPC
    /// spec asks, RST_STREAM with NO_ERROR after the trailers, so the client stops sending
    /// but still reads the status (closing the stream channel would reset with CANCEL).
    private func stopClient(context: ChannelHandlerContext) {
        guard !clientFinished else { return }
        clientFinished = true
        context.writeAndFlush(Self.wrapOutboundOut(.rstStream(.noError)), promise: nil)
    }
}
