import LeagueService
import LeagueWire
import NIOCore
import NIOEmbedded
import NIOHPACK
import NIOHTTP2
import Testing

@testable import LeagueServer

/// gRPC calls on an `EmbeddedChannel`: `GRPCConnectionHandler` gets the HTTP/2 frames that
/// `NIOHTTP2Handler` would pass it, and the test reads the frames it writes. The clock of
/// the deadline timer is the test's (`advanceTime`), so every deadline case is deterministic.
@Suite("gRPC calls on an EmbeddedChannel")
struct GRPCCallTests {
    static let stream = HTTP2StreamID(1)

    /// A connection handler serving the embedded dataset.
    /// - Parameter connected: an active channel (so a close is seen as `isActive` turning false).
    static func connection(
        maxBufferedResponseBytes: Int = 1 << 20, requestTimeout: Duration? = nil, connected: Bool = false,
        readiness: Readiness = Readiness()
    ) throws -> EmbeddedChannel {
        let router = GRPCRouter(
            service: SharedService.value, readiness: readiness, maxRequestBytes: 4 << 20, maxResponseBytes: 4 << 20,
            maxBufferedResponseBytes: maxBufferedResponseBytes, requestTimeout: requestTimeout)
        let handler = GRPCConnectionHandler(
            router: router, logger: testLogger, connectionWindow: 65_535, streamWindow: 65_535)
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(handler)
        if connected { try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 7411)).wait() }
        return channel
    }

    /// swift-nio-http2's event for `stream` having closed (its last frame sent, or reset),
    /// then whatever the handler scheduled for the next loop turn.
    static func streamClosed(_ stream: HTTP2StreamID, reason: HTTP2ErrorCode? = nil, on channel: EmbeddedChannel) {
        channel.pipeline.fireUserInboundEventTriggered(StreamClosedEvent(streamID: stream, reason: reason))
        channel.embeddedEventLoop.run()
    }

    /// The request HEADERS of a GetTrust call, with `grpc-timeout` and `grpc-encoding` when given.
    static func headers(timeout: String?, encoding: String? = nil) -> HTTP2Frame {
        var headers: HPACKHeaders = [
            ":method": "POST", ":scheme": "http", ":path": "/nhs.league.v1.League/GetTrust",
            "content-type": "application/grpc", "te": "trailers",
        ]
        if let timeout { headers.add(name: "grpc-timeout", value: timeout) }
        if let encoding { headers.add(name: "grpc-encoding", value: encoding) }
        return HTTP2Frame(streamID: stream, payload: .headers(.init(headers: headers)))
    }

    /// One GetTrust request message (gRPC's Length-Prefixed-Message), ending the stream;
    /// compressed (flag 1) when `compression` is given.
    static func message(odsCode: String = "RP6", compression: GRPCCompression? = nil) -> HTTP2Frame {
        var body = ByteBuffer(bytes: GetTrustRequest(odsCode: odsCode).serializedBytes())
        if let compression { body = compression.compress(body) }
        return lastMessage(body, compressed: compression != nil)
    }

    /// `body` as gRPC's Length-Prefixed-Message in a DATA frame ending the stream.
    static func lastMessage(_ body: ByteBuffer, compressed: Bool = false) -> HTTP2Frame {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt8(compressed ? 1 : 0))
        buffer.writeInteger(UInt32(body.readableBytes))
        buffer.writeImmutableBuffer(body)
        return HTTP2Frame(streamID: stream, payload: .data(.init(data: .byteBuffer(buffer), endStream: true)))
    }

    /// Frames arriving in one read batch (the handler flushes at its end).
    static func receive(_ frames: HTTP2Frame..., on channel: EmbeddedChannel) throws {
        for frame in frames { try channel.writeInbound(frame) }
        channel.pipeline.fireChannelReadComplete()
    }

    /// Every frame the handler has written so far.
    static func written(_ channel: EmbeddedChannel) throws -> [HTTP2Frame.FramePayload] {
        var frames: [HTTP2Frame.FramePayload] = []
        while let frame = try channel.readOutbound(as: HTTP2Frame.self) {
            #expect(frame.streamID == stream)
            frames.append(frame.payload)
        }
        return frames
    }

    /// The `grpc-status` of the call's trailers (the last HEADERS frame, ending the stream).
    static func grpcStatus(_ frames: [HTTP2Frame.FramePayload]) -> (code: String?, message: String?) {
        for case .headers(let headers) in frames.reversed() where headers.endStream {
            return (headers.headers.first(name: "grpc-status"), headers.headers.first(name: "grpc-message"))
        }
        return (nil, nil)
    }

    @Test("without a deadline, or with one far off, the answer is sent with grpc-status 0")
    func answered() throws {
        for timeout in [nil, "10S"] {
            let channel = try Self.connection()
            try Self.receive(Self.headers(timeout: timeout), Self.message(), on: channel)
            let frames = try Self.written(channel)
            #expect(frames.contains { if case .data = $0 { true } else { false } }, "timeout \(timeout ?? "none")")
            #expect(Self.grpcStatus(frames).code == "0")
            _ = try channel.finish()
        }
    }

    /// The whole request in one read batch: the answer is computed before the deadline
    /// timer could run, so the service's own check (to the nanosecond) must end the call.
    @Test("grpc-timeout 1n, whole request at once: DEADLINE_EXCEEDED, no answer message")
    func nanosecondDeadline() throws {
        let channel = try Self.connection()
        try Self.receive(Self.headers(timeout: "1n"), Self.message(), on: channel)
        let frames = try Self.written(channel)
        #expect(!frames.contains { if case .data = $0 { true } else { false } })
        let status = Self.grpcStatus(frames)
        #expect(status.code == String(StatusCode.deadlineExceeded.rawValue))
        #expect(status.message == "no answer within the request's 1 ns deadline")
        _ = try channel.finish()
    }

    /// The client sent its headers but not yet its message: once its time is up, not before,
    /// the call ends, and RST_STREAM NO_ERROR tells the client to stop sending. Its time is
    /// its own deadline (grpc-timeout 5m) or the frame timeout (slowloris over HTTP/2: such a
    /// stream used to hold its call, and keep the connection from idling out, indefinitely).
    @Test(
        "message never sent: DEADLINE_EXCEEDED once its time is up, not before, then RST_STREAM",
        arguments: [
            ("5m" as String?, nil as Duration?, Duration.milliseconds(5)),
            (nil, .seconds(10), .seconds(10)),
        ])
    func messageNeverSent(grpcTimeout: String?, requestTimeout: Duration?, limit: Duration) throws {
        let channel = try Self.connection(requestTimeout: requestTimeout)
        try Self.receive(Self.headers(timeout: grpcTimeout), on: channel)
        channel.embeddedEventLoop.advanceTime(by: TimeAmount(limit - limit / 5))
        #expect(try Self.written(channel).isEmpty)
        channel.embeddedEventLoop.advanceTime(by: TimeAmount(limit / 5))
        let frames = try Self.written(channel)
        #expect(Self.grpcStatus(frames).code == String(StatusCode.deadlineExceeded.rawValue))
        guard case .rstStream(.noError)? = frames.last else {
            Issue.record("expected RST_STREAM NO_ERROR last, got \(frames)")
            return
        }
        _ = try channel.finish()
    }

    /// The answer message of a call (its DATA frames' bytes).
    static func answerBytes(_ frames: [HTTP2Frame.FramePayload]) -> ByteBuffer {
        var bytes = ByteBuffer()
        for case .data(let data) in frames { if case .byteBuffer(var part) = data.data { bytes.writeBuffer(&part) } }
        return bytes
    }

    @Test(
        "a request compressed as its grpc-encoding says gets the plain request's answer; one that cannot be read, its status",
        arguments: [
            ("gzip" as String?, GRPCCompression.gzip as GRPCCompression?, StatusCode.ok),
            ("deflate", .deflate, .ok),
            ("gzip", nil, .ok),  // an encoding named, the message sent plain
            ("identity", nil, .ok),
            ("snappy", nil, .unimplemented),
            (nil, .gzip, .internal),  // flagged compressed, no encoding named
            ("identity", .gzip, .internal),
        ])
    func compressed(encoding: String?, compression: GRPCCompression?, status: StatusCode) throws {
        let plain = try Self.connection()
        try Self.receive(Self.headers(timeout: nil), Self.message(), on: plain)
        let expected = Self.answerBytes(try Self.written(plain))
        let channel = try Self.connection()
        try Self.receive(
            Self.headers(timeout: nil, encoding: encoding), Self.message(compression: compression), on: channel)
        let frames = try Self.written(channel)
        #expect(Self.grpcStatus(frames).code == String(status.rawValue))
        if status == .ok {
            #expect(Self.answerBytes(frames) == expected)
        } else {
            #expect(Self.answerBytes(frames).readableBytes == 0)
        }
        for case .headers(let block) in frames where status == .unimplemented {
            #expect(block.headers.first(name: "grpc-accept-encoding") == "identity,deflate,gzip")
        }
        _ = try plain.finish()
        _ = try channel.finish()
    }

    @Test("a failed answer keeps the service's status code and message")
    func failure() throws {
        let channel = try Self.connection()
        try Self.receive(Self.headers(timeout: nil), Self.message(odsCode: "ZZZ99"), on: channel)
        let expected = SharedService.value.respond(to: Request(call: .getTrust(GetTrustRequest(odsCode: "ZZZ99"))))
        #expect(expected.status.code != .ok)
        let status = Self.grpcStatus(try Self.written(channel))
        #expect(status.code == String(expected.status.code.rawValue))
        #expect(status.message == GRPCMessageEncoding.percentEncode(expected.status.message))
        _ = try channel.finish()
    }

    /// The GOAWAY frame the handler wrote last on the connection (stream 0), if any.
    static func goAway(_ channel: EmbeddedChannel) throws -> HTTP2StreamID? {
        var last: HTTP2StreamID?
        while let frame = try channel.readOutbound(as: HTTP2Frame.self) {
            if case .goAway(let lastStreamID, .noError, _) = frame.payload, frame.streamID == .rootStream {
                last = lastStreamID
            }
        }
        return last
    }

    /// Before this, a gRPC connection whose client closed its side stayed open (CLOSE_WAIT)
    /// until the idle timeout: h2load and grpcio close that way, so every short-lived client
    /// or health probe left one behind (about 33 kB and a descriptor each). With its message
    /// sent the call is answered (0); without, it can never be and ends CANCELLED. Either way
    /// the close waits for the call's stream to close.
    @Test(
        "the client closes its side: the call is answered or CANCELLED; once its stream closes, GOAWAY, then the close",
        arguments: [(true, StatusCode.ok), (false, .cancelled)])
    func clientClosed(messageSent: Bool, status: StatusCode) throws {
        let channel = try Self.connection(connected: true)
        try Self.receive(Self.headers(timeout: nil), on: channel)
        if messageSent { try Self.receive(Self.message(), on: channel) }
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        channel.embeddedEventLoop.run()
        let frames = try Self.written(channel)
        #expect(Self.grpcStatus(frames).code == String(status.rawValue))
        // The answer has not gone out yet (its stream is open): not closed under it.
        #expect(!frames.contains { if case .goAway = $0 { true } else { false } })
        #expect(channel.isActive)
        Self.streamClosed(Self.stream, on: channel)
        #expect(try Self.goAway(channel) == Self.stream)
        #expect(!channel.isActive)
    }

    @Test("the client closes its side and reads nothing more: closed after the drain timeout")
    func clientClosedNotReading() throws {
        let channel = try Self.connection(connected: true)
        try Self.receive(Self.headers(timeout: nil), Self.message(), on: channel)
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    /// A whole GetTrust call on `stream` (its HEADERS and its one message, ending the stream).
    static func call(on stream: HTTP2StreamID) -> [HTTP2Frame] {
        [
            HTTP2Frame(streamID: stream, payload: Self.headers(timeout: nil).payload),
            HTTP2Frame(streamID: stream, payload: Self.message().payload),
        ]
    }

    /// The streams that got a message (DATA) and those that got their trailers, in order.
    static func answered(_ channel: EmbeddedChannel) throws -> (data: [HTTP2StreamID], ended: [HTTP2StreamID]) {
        var data: [HTTP2StreamID] = [], ended: [HTTP2StreamID] = []
        while let frame = try channel.readOutbound(as: HTTP2Frame.self) {
            switch frame.payload {
            case .data: data.append(frame.streamID)
            case .headers(let headers) where headers.endStream: ended.append(frame.streamID)
            default: break
            }
        }
        return (data, ended)
    }

    /// Write back-pressure: a client that does not read (its window stays shut) must not make
    /// the server hold every answer it asks for. Before, 20 such connections of 250
    /// LeagueTable calls took the server to 1.8 GB.
    @Test("answers not yet sent at the limit: the next call waits, and is answered once one is sent")
    func backPressure() throws {
        // A GetTrust answer is about 8.7 kB: two fit under 10 kB, not three.
        let channel = try Self.connection(maxBufferedResponseBytes: 10_000)
        let (one, two, three) = (HTTP2StreamID(1), HTTP2StreamID(3), HTTP2StreamID(5))
        for frame in Self.call(on: one) + Self.call(on: two) + Self.call(on: three) {
            try channel.writeInbound(frame)
        }
        channel.pipeline.fireChannelReadComplete()
        var answered = try Self.answered(channel)
        #expect(answered.data == [one, two])
        #expect(answered.ended == [one, two], "the third call is held, not refused")
        // The first answer has gone out: its stream closes, and the held call is answered.
        Self.streamClosed(one, on: channel)
        answered = try Self.answered(channel)
        #expect(answered.data == [three])
        #expect(answered.ended == [three])
        _ = try channel.finish()
    }

    @Test("a held call whose client resets it is dropped: the next held call takes its turn")
    func heldCallReset() throws {
        let channel = try Self.connection(maxBufferedResponseBytes: 5_000)
        let streams = [1, 3, 5].map { HTTP2StreamID($0) }
        for frame in streams.flatMap({ Self.call(on: $0) }) { try channel.writeInbound(frame) }
        channel.pipeline.fireChannelReadComplete()
        #expect(try Self.answered(channel).data == [streams[0]])
        // The client resets the first held call (stream 3), then the first answer goes out.
        Self.streamClosed(streams[1], reason: .cancel, on: channel)
        Self.streamClosed(streams[0], on: channel)
        #expect(try Self.answered(channel).data == [streams[2]])
        _ = try channel.finish()
    }

    @Test(
        "a request whole within the frame timeout, in one read batch or two, is answered; no timer fires after",
        arguments: [false, true])
    func requestInTime(split: Bool) throws {
        let channel = try Self.connection(requestTimeout: .seconds(10))
        if split {
            try Self.receive(Self.headers(timeout: nil), on: channel)
            channel.embeddedEventLoop.advanceTime(by: .seconds(9))
            try Self.receive(Self.message(), on: channel)
        } else {
            try Self.receive(Self.headers(timeout: nil), Self.message(), on: channel)
        }
        #expect(Self.grpcStatus(try Self.written(channel)).code == "0")
        channel.embeddedEventLoop.advanceTime(by: .seconds(20))
        #expect(try Self.written(channel).isEmpty)
        _ = try channel.finish()
    }

    @Test("the client closes its side with calls held by back-pressure: they are answered first, then the close")
    func clientClosedWithHeldCalls() throws {
        let channel = try Self.connection(maxBufferedResponseBytes: 10_000, connected: true)
        let streams = [1, 3, 5].map { HTTP2StreamID($0) }
        for frame in streams.flatMap({ Self.call(on: $0) }) { try channel.writeInbound(frame) }
        channel.pipeline.fireChannelReadComplete()
        #expect(try Self.answered(channel).data == [streams[0], streams[1]])
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        Self.streamClosed(streams[0], on: channel)
        #expect(try Self.answered(channel).data == [streams[2]], "the held call is answered, not dropped")
        #expect(channel.isActive)
        for stream in streams.dropFirst() { Self.streamClosed(stream, on: channel) }
        #expect(!channel.isActive)
    }

    /// The HEADERS opening a reflection stream (bidirectional), no message yet.
    static let reflectionHeaders = HTTP2Frame(
        streamID: HTTP2StreamID(3),
        payload: .headers(
            .init(headers: [
                ":method": "POST", ":scheme": "http",
                ":path": "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
                "content-type": "application/grpc", "te": "trailers",
            ])))

    @Test("idle timeout: a reflection stream waiting for its client does not keep the connection; a unary call does")
    func idleWithStreams() throws {
        // Only a reflection stream, waiting for its client: closed.
        let idle = try Self.connection(connected: true)
        try Self.receive(Self.reflectionHeaders, on: idle)
        idle.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
        #expect(!idle.isActive)
        // Beside it, a unary call answered (its stream still open: the answer not all sent), or
        // still missing its message: kept.
        for frames in [[Self.headers(timeout: nil), Self.message()], [Self.headers(timeout: nil)]] {
            let owing = try Self.connection(connected: true)
            for frame in [Self.reflectionHeaders] + frames { try owing.writeInbound(frame) }
            owing.pipeline.fireChannelReadComplete()
            owing.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
            #expect(owing.isActive)
            _ = try owing.finish()
        }
    }

    /// A `Health/Watch` call for `service`: its HEADERS and its one message, ending the stream.
    static func watch(_ service: String) -> [HTTP2Frame] {
        let headers: HPACKHeaders = [
            ":method": "POST", ":scheme": "http", ":path": "/grpc.health.v1.Health/Watch",
            "content-type": "application/grpc", "te": "trailers",
        ]
        return [
            HTTP2Frame(streamID: stream, payload: .headers(.init(headers: headers))),
            lastMessage(ByteBuffer(bytes: HealthCheckRequest(service: service).serializedBytes())),
        ]
    }

    /// The health statuses in `frames`' messages, in order.
    static func healthStatuses(_ frames: [HTTP2Frame.FramePayload]) throws -> [HealthCheckResponse.ServingStatus] {
        try frames.compactMap { payload -> HealthCheckResponse.ServingStatus? in
            guard case .data(let data) = payload, case .byteBuffer(let bytes) = data.data else { return nil }
            return try HealthCheckResponse(serializedBytes: bytes.readableBytesView.dropFirst(5)).status
        }
    }

    @Test(
        "Health/Watch: the status now, NOT_SERVING the moment draining begins, the stream open until shutdown",
        arguments: [
            ("", HealthCheckResponse.ServingStatus.serving, true),
            ("nhs.league.v1.League", .serving, true),
            ("no.such.Service", .serviceUnknown, false),
        ])
    func healthWatch(service: String, first: HealthCheckResponse.ServingStatus, changes: Bool) throws {
        let readiness = Readiness()
        readiness.markLoaded()
        let channel = try Self.connection(connected: true, readiness: readiness)
        try Self.receive(Self.watch(service)[0], Self.watch(service)[1], on: channel)
        var frames = try Self.written(channel)
        #expect(try Self.healthStatuses(frames) == [first])
        #expect(Self.grpcStatus(frames).code == nil)  // still open
        readiness.markDraining()
        channel.embeddedEventLoop.run()
        frames = try Self.written(channel)
        #expect(try Self.healthStatuses(frames) == (changes ? [.notServing] : []))
        #expect(Self.grpcStatus(frames).code == nil)
        // The graceful shutdown ends it (then the connection can close), not the client.
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        var ended: [HTTP2Frame.FramePayload] = []
        while let frame = try channel.readOutbound(as: HTTP2Frame.self) {
            if frame.streamID == Self.stream { ended.append(frame.payload) }  // GOAWAY is the connection's
        }
        #expect(Self.grpcStatus(ended).code == String(StatusCode.unavailable.rawValue))
        _ = try? channel.finish()
    }

    @Test("Health/Watch begun while draining: NOT_SERVING, and a watch the client resets is forgotten")
    func healthWatchWhileDraining() throws {
        let readiness = Readiness()
        readiness.markLoaded()
        readiness.markDraining()
        let channel = try Self.connection(readiness: readiness)
        try Self.receive(Self.watch("")[0], Self.watch("")[1], on: channel)
        #expect(try Self.healthStatuses(try Self.written(channel)) == [.notServing])
        // A watch registered and then reset by its client: its draining callback is dropped.
        let ready = Readiness()
        ready.markLoaded()
        let other = try Self.connection(readiness: ready)
        try Self.receive(Self.watch("")[0], Self.watch("")[1], on: other)
        #expect(try Self.healthStatuses(try Self.written(other)) == [.serving])
        #expect(ready.drainingWatcherCount == 1)
        Self.streamClosed(Self.stream, reason: .cancel, on: other)
        #expect(ready.drainingWatcherCount == 0)
        ready.markDraining()
        other.embeddedEventLoop.run()
        #expect(try Self.written(other).isEmpty)
        _ = try channel.finish()
        _ = try other.finish()
    }

    @Test(
        "Health/Watch without its request message: DEADLINE_EXCEEDED after the frame timeout, UNAVAILABLE at shutdown",
        arguments: [false, true])
    func healthWatchNeverAsked(shutdown: Bool) throws {
        let readiness = Readiness()
        readiness.markLoaded()
        let channel = try Self.connection(requestTimeout: .seconds(10), connected: true, readiness: readiness)
        try Self.receive(Self.watch("")[0], on: channel)  // HEADERS only
        if shutdown {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        } else {
            channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        }
        var frames: [HTTP2Frame.FramePayload] = []
        while let frame = try channel.readOutbound(as: HTTP2Frame.self) {
            if frame.streamID == Self.stream { frames.append(frame.payload) }
        }
        let expected: StatusCode = shutdown ? .unavailable : .deadlineExceeded
        #expect(Self.grpcStatus(frames).code == String(expected.rawValue))
        #expect(readiness.drainingWatcherCount == 0)
        _ = try? channel.finish()
    }
}
