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
/// A call is not a channel: `GRPCConnectionHandler` hands it its stream's frames and writes
/// what it answers on the connection (one object per stream instead of a child channel with
/// its own pipeline, handler and promises; see BENCHMARKS.md, "gRPC per stream").
///
/// Errors follow the gRPC protocol spec: a request that is not gRPC gets an HTTP status
/// (405, 415); an unknown method UNIMPLEMENTED; a message over the limit RESOURCE_EXHAUSTED;
/// a unary call without exactly one message INTERNAL; `grpc-timeout` expiring DEADLINE_EXCEEDED.
///
/// Messages compressed with `grpc-encoding` gzip or deflate are inflated (`GRPCCompression`),
/// within the same size limit; another encoding is UNIMPLEMENTED, with the
/// `grpc-accept-encoding` the spec asks for; a compressed flag without an encoding, or a
/// message that does not inflate, INTERNAL. Answers are sent uncompressed.
final class GRPCCall {
    private enum State {
        case awaitingHeaders
        case receiving(GRPCRoute)
        /// The status was sent; anything more from the client is ignored.
        case finished
    }

    let streamID: HTTP2StreamID
    /// The connection this call's stream belongs to: it writes the frames (same event loop,
    /// and it owns this call, so `unowned` cannot outlive it).
    private unowned let connection: GRPCConnectionHandler
    private let router: GRPCRouter
    private let logger: Logger
    private var state = State.awaitingHeaders
    private var received = ByteBuffer()
    /// The unary call's one message, held until the client ends the stream.
    private var unaryMessage: ByteBuffer?
    private var sentHeaders = false
    private var receivedAt = ContinuousClock.now
    private var timeout: Duration?
    /// How the client's messages flagged compressed are compressed (`grpc-encoding`).
    private var compression: GRPCCompression?
    private var deadlineTimer: Scheduled<Void>?
    /// The client ended its side of the stream (END_STREAM received).
    private var clientFinished = false
    /// Bytes of answer messages this call wrote, counted in the connection's unsent answer
    /// bytes until the stream closes (it closes once they and the trailers have been sent).
    private(set) var answerBytes = 0
    /// Waiting for the connection's unsent answers to drain (`GRPCConnectionHandler.wait`).
    var isWaiting = false
    /// A unary call whose request has not arrived whole yet (no END_STREAM): listed by the
    /// connection at its read batch's end, when it gets `requestTimer`.
    private(set) var awaitingRequest = false
    /// Slowloris: the request must be whole within the router's `requestTimeout`.
    private var requestTimer: Scheduled<Void>?
    /// The call's event loop (from its first frame): where a health watch hears of draining.
    private var eventLoop: (any EventLoop)?
    /// A health watch's service and its `Readiness.onDraining` registration (nil once called).
    private var watch: (service: String, readiness: Readiness, token: Int?)?

    init(streamID: HTTP2StreamID, connection: GRPCConnectionHandler, router: GRPCRouter, logger: Logger) {
        self.streamID = streamID
        self.connection = connection
        self.router = router
        self.logger = logger
    }

    /// One frame of this call's stream, from the client.
    func receive(_ payload: HTTP2Frame.FramePayload, eventLoop: any EventLoop) {
        switch payload {
        case .headers(let headers):
            if case .awaitingHeaders = state {
                start(headers.headers, endStream: headers.endStream, eventLoop: eventLoop)
            } else if headers.endStream {
                endOfRequest()  // trailers from the client: the request is complete
            }
        case .data(let data):
            guard case .receiving = state, case .byteBuffer(var bytes) = data.data else { break }
            if received.readableBytes == 0 {
                received = bytes  // the usual case, whole messages in one DATA frame: no copy
            } else {
                received.writeBuffer(&bytes)
            }
            readMessages()
            if data.endStream { endOfRequest() }
        default:
            break
        }
    }

    /// The stream closed (both sides ended, or reset): nothing more is read or written.
    func closed() {
        deadlineTimer?.cancel()
        deadlineTimer = nil
        cancelRequestTimer()
        stopWatching()
        state = .finished
    }

    /// An open stream that only the client can move on: reflection waiting for its next
    /// message, or a health watch (its request in, nothing to send until draining begins).
    /// The idle timeout may close a connection with only such calls: a watcher reconnects and
    /// watches again. (A unary call missing its message is bounded by the frame timeout instead.)
    var isOpenStreamWaitingForClient: Bool {
        guard case .receiving(let route) = state else { return false }
        switch route.handler {
        case .bidiEcho: return !clientFinished
        case .healthWatch: return clientFinished
        case .unary: return false
        }
    }

    /// The client closed its side of the connection: a call still waiting for (part of) its
    /// request can never get it, so it ends now instead of holding the connection open; so
    /// does a health watch, which would never end on its own.
    func clientClosedConnection() {
        guard case .receiving = state else { return }
        if watch != nil { return finish(.error(.cancelled, "the client closed the connection")) }
        guard !clientFinished else { return }
        finish(.error(.cancelled, "the client closed the connection before its request was complete"))
    }

    /// A graceful shutdown: a health watch (which has already sent NOT_SERVING: draining
    /// begins first), or one still waiting for its request, ends with UNAVAILABLE, so its
    /// connection can close once the other calls are answered and the watcher looks elsewhere.
    func serverClosing() {
        guard case .receiving(let route) = state, case .healthWatch = route.handler else { return }
        finish(Self.shuttingDown)
    }

    private static let shuttingDown = GRPCAnswer.error(.unavailable, "the server is shutting down")

    /// Starts the request timer of a call still waiting for its request at the end of a read
    /// batch. Only then: a whole unary request (HEADERS, then DATA with END_STREAM) nearly
    /// always arrives in one batch, and a timer per call would cost more than its answer.
    func startRequestTimer(eventLoop: any EventLoop) {
        guard awaitingRequest, requestTimer == nil, let timeout = router.requestTimeout else { return }
        requestTimer = eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) { [self] in
            requestTimer = nil
            guard awaitingRequest else { return }
            finish(.error(.deadlineExceeded, "the request was not complete within \(timeout) (frame timeout)"))
            connection.flush()
        }
    }

    private func cancelRequestTimer() {
        awaitingRequest = false
        requestTimer?.cancel()
        requestTimer = nil
    }

    // MARK: request

    private func start(_ headers: HPACKHeaders, endStream: Bool, eventLoop: any EventLoop) {
        receivedAt = .now
        self.eventLoop = eventLoop
        let head = GRPCRequestHead(headers)
        guard !head.malformed else { return reset(.protocolError) }
        guard head.method == "POST" else { return refuse(httpStatus: "405") }
        guard let contentType = head.contentType, contentType.hasPrefix("application/grpc") else {
            return refuse(httpStatus: "415")
        }
        let path = head.path ?? ""
        guard let route = router.route(forPath: path) else {
            return finish(.error(.unimplemented, "unknown method \(path)"))
        }
        if let encoding = head.encoding, encoding != "identity" {
            guard let compression = GRPCCompression(encoding: encoding) else {
                return finish(
                    .error(
                        .unimplemented,
                        "message encoding \(encoding) is not supported (supported: \(GRPCCompression.acceptEncoding))"))
            }
            self.compression = compression
        }
        state = .receiving(route)
        if let header = head.timeout, let timeout = GRPCTimeout.parse(header[...]) {
            self.timeout = timeout
            deadlineTimer = eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) { [self] in
                finish(Self.deadlinePassed)
                // Outside a read batch: nothing else will flush it.
                connection.flush()
            }
        }
        if endStream {
            endOfRequest()
        } else if router.requestTimeout != nil, route.handler.takesOneRequest {
            // Slowloris: a unary call's or a health watch's one message must arrive in time.
            awaitingRequest = true
            connection.awaitRequest(self)
        }
    }

    /// Takes every complete message out of `received`.
    private func readMessages() {
        while case .receiving(let route) = state {
            guard let flags = received.getInteger(at: received.readerIndex, as: UInt8.self),
                let length = received.getInteger(at: received.readerIndex + 1, as: UInt32.self)
            else { return }
            guard flags <= 1 else {
                return finish(.error(.internal, "message flags \(flags) are not defined (0 or 1: compressed)"))
            }
            guard length <= router.maxRequestBytes else {
                return refuseTooLarge(
                    "request message of \(length) bytes exceeds the limit of \(router.maxRequestBytes)")
            }
            guard received.readableBytes >= 5 + Int(length) else { return }
            received.moveReaderIndex(forwardBy: 5)
            var message = received.readSlice(length: Int(length))!
            if flags == 1 {
                guard let compression else {
                    return finish(.error(.internal, "a message flagged compressed, but the call has no grpc-encoding"))
                }
                do {
                    message = try compression.decompress(message, maxBytes: router.maxRequestBytes)
                } catch {
                    guard error.kind == .corrupt else {
                        return refuseTooLarge("the \(compression) request message \(error.message)")
                    }
                    return finish(
                        .error(.internal, "cannot inflate the \(compression) request message: \(error.message)"))
                }
            }
            switch route.handler {
            case .unary, .healthWatch:
                guard unaryMessage == nil else {
                    return finish(.error(.internal, "a unary call got more than one request message"))
                }
                unaryMessage = message
            case .bidiEcho(let answer):
                guard connection.mayAnswer else {
                    return finish(.error(.resourceExhausted, connection.backPressureMessage))
                }
                let result = answer(message)
                guard result.framed != nil else { return finish(result) }
                send(result)
            }
        }
        received.discardReadBytes()
    }

    /// A request message over the size limit: RESOURCE_EXHAUSTED, counted as the framing counts it.
    private func refuseTooLarge(_ message: String) {
        ServiceMetrics.recordRefusedFrame(
            reason: WireError.Kind.messageTooLarge.rawValue, protocol: GRPCConnectionHandler.protocolLabel)
        finish(.error(.resourceExhausted, message))
    }

    private func endOfRequest() {
        clientFinished = true
        cancelRequestTimer()
        guard case .receiving(let route) = state else { return }
        guard received.readableBytes == 0 else {
            return finish(.error(.internal, "the request ended inside a message"))
        }
        switch route.handler {
        case .unary(let answer):
            guard let message = unaryMessage else {
                return finish(.error(.internal, "a unary call got no request message"))
            }
            // Write back-pressure: while this connection's earlier answers wait for the client
            // to read them (its flow-control window or its socket), new calls wait too, instead
            // of adding their answers to the server's memory.
            guard connection.mayAnswer else { return connection.wait(self) }
            finish(answer(message, timeout, receivedAt))
        case .bidiEcho:
            finish(.error(.ok, ""))
        case .healthWatch(let readiness):
            guard watch == nil else { return }  // trailers from the client after its message
            guard let message = unaryMessage else {
                return finish(.error(.internal, "a unary call got no request message"))
            }
            startWatching(message, readiness: readiness)
        }
    }

    // MARK: health watch

    /// `Health/Watch`: the status now, then NOT_SERVING when draining begins; the stream stays
    /// open until the client ends it, the connection closes, or the server shuts down.
    private func startWatching(_ message: ByteBuffer, readiness: Readiness) {
        let service: String
        switch GRPCHealth.request(message) {
        case .service(let name): service = name
        case .undecodable(let error): return finish(error)
        }
        // A watch begun once the graceful shutdown has (its request after the GOAWAY) would hold it up.
        guard !connection.isQuiescing else { return finish(Self.shuttingDown) }
        // A deadline on a watch ends it (DEADLINE_EXCEEDED) when it passes, as for any call.
        // Readiness is read once: the status sent and whether to listen for draining agree.
        let ready = readiness.isReady
        send(GRPCHealth.watchStatus(of: service, ready: ready))
        watch = (service, readiness, nil)
        // Already NOT_SERVING (or SERVICE_UNKNOWN): nothing more will change.
        guard ready, GRPCHealth.services.contains(service), let eventLoop else { return }
        // `Readiness` calls back from the thread that begins draining; the call lives on its loop.
        let call = NIOLoopBound(self, eventLoop: eventLoop)
        watch?.token = readiness.onDraining {
            call.eventLoop.execute { call.value.drainingBegan() }
        }
        // Draining began between `ready` being read and the registration: say so now.
        if watch?.token == nil { drainingBegan() }
    }

    private func drainingBegan() {
        guard let watch, case .receiving = state else { return }
        self.watch?.token = nil
        send(GRPCHealth.watchStatus(of: watch.service, ready: false))
        connection.flush()
    }

    private func stopWatching() {
        if let watch, let token = watch.token { watch.readiness.stopWatching(token) }
        watch?.token = nil
    }

    /// Answers a call that waited for the connection's unsent answers to drain (unless it
    /// ended meanwhile: a deadline, a reset).
    func resume() {
        isWaiting = false
        endOfRequest()
    }

    private static let deadlinePassed = GRPCAnswer.error(.deadlineExceeded, "the call's deadline (grpc-timeout) passed")

    // MARK: response

    private static let responseHeaders: HPACKHeaders = [":status": "200", "content-type": "application/grpc"]

    /// Writes the response headers (once) and one message.
    private func send(_ answer: GRPCAnswer) {
        guard let framed = answer.framed else { return }
        if !sentHeaders {
            sentHeaders = true
            connection.write(.headers(.init(headers: Self.responseHeaders)), on: streamID)
        }
        connection.write(.data(.init(data: .byteBuffer(framed))), on: streamID)
        answerBytes += framed.readableBytes
        connection.unsentAnswerBytes += framed.readableBytes
    }

    /// Sends the answer's message (if any) and its status, ending the call.
    private func finish(_ answer: GRPCAnswer) {
        if case .finished = state { return }
        let route: GRPCRoute?
        if case .receiving(let current) = state { route = current } else { route = nil }
        state = .finished
        deadlineTimer?.cancel()
        deadlineTimer = nil
        cancelRequestTimer()
        var answer = answer
        if answer.messageLength > router.maxResponseBytes {
            answer = .error(
                .resourceExhausted,
                "response message of \(answer.messageLength) bytes exceeds the limit of \(router.maxResponseBytes)")
        }
        send(answer)
        let trailers: HPACKHeaders
        if sentHeaders, answer.status.code == .ok, answer.status.message.isEmpty, let version = answer.dataVersion {
            // The usual end of a League call: the same block for every answer of a snapshot.
            trailers = connection.okTrailers(dataVersion: version)
        } else {
            trailers = Self.trailers(of: answer, afterHeaders: sentHeaders)
        }
        // MARK: operations: every finished League call is counted with its final status
        // (deadline and size errors included) and timed from its headers.
        if let callName = route?.callName {
            connection.requestMetrics.record(
                call: callName, code: answer.status.code, duration: ContinuousClock.now - receivedAt)
        }
        if answer.status.code != .ok {
            logger.debug("gRPC call failed", metadata: ["grpc-status": "\(answer.status.code)"])
        }
        connection.write(.headers(.init(headers: trailers, endStream: true)), on: streamID)
        stopClient()
    }

    /// The trailers ending `answer`, or "Trailers-Only" (status in the one HEADERS frame) when
    /// no response headers were sent.
    static func trailers(of answer: GRPCAnswer, afterHeaders: Bool) -> HPACKHeaders {
        var trailers: HPACKHeaders = afterHeaders ? [:] : Self.responseHeaders
        if answer.status.code == .unimplemented && !afterHeaders {
            // What the client may use instead (the gRPC spec's answer to an encoding not
            // supported; harmless on an unknown method).
            trailers.add(name: "grpc-accept-encoding", value: GRPCCompression.acceptEncoding)
        }
        trailers.add(name: "grpc-status", value: String(answer.status.code.rawValue))
        if !answer.status.message.isEmpty {
            trailers.add(name: "grpc-message", value: GRPCMessageEncoding.percentEncode(answer.status.message))
        }
        if let version = answer.dataVersion { trailers.add(name: "nhs-data-version", value: version) }
        return trailers
    }

    /// Not a gRPC request at all: an HTTP error status, as the gRPC spec asks.
    private func refuse(httpStatus: String) {
        state = .finished
        let headers: HPACKHeaders = [":status": httpStatus]
        connection.write(.headers(.init(headers: headers, endStream: true)), on: streamID)
        stopClient()
    }

    /// A malformed request header block: the stream is reset, as swift-nio-http2's header
    /// validation (off: `GRPCTransport`) did.
    private func reset(_ code: HTTP2ErrorCode) {
        state = .finished
        clientFinished = true
        connection.write(.rstStream(code), on: streamID)
    }

    /// Answered before the client finished sending (an error, or the deadline): as the gRPC
    /// spec asks, RST_STREAM with NO_ERROR after the trailers, so the client stops sending
    /// but still reads the status.
    private func stopClient() {
        guard !clientFinished else { return }
        clientFinished = true
        connection.write(.rstStream(.noError), on: streamID)
    }
}
