import LeagueWire
import NIOCore
import NIOPosix

/// A test connection that writes raw bytes (so tests can send malformed frames) and
/// collects every framed `Response` the server sends back, plus whether it closed.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let responses: AsyncStream<Response>
    private let closed: EventLoopFuture<Void>

    private init(channel: any Channel, responses: AsyncStream<Response>) {
        self.channel = channel
        self.responses = responses
        self.closed = channel.closeFuture
    }

    /// - Parameter reading: false makes a client that does not read its answers until
    ///   `startReading()` (to test the server's back-pressure).
    static func connect(port: Int, reading: Bool = true) async throws -> RawConnection {
        let (stream, continuation) = AsyncStream<Response>.makeStream()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.autoRead, value: reading)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(FrameDecoder(maxMessageLength: 16 * 1024 * 1024)))
                    try channel.pipeline.syncOperations.addHandler(Collector(continuation: continuation))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, responses: stream)
    }

    /// Writes bytes exactly as given.
    func send(raw bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Starts reading answers (for a connection made with `reading: false`).
    func startReading() async throws {
        try await channel.setOption(.autoRead, value: true)
        channel.read()
    }

    /// Closes our sending side (TCP half-close): "no more requests".
    func finishSending() async throws {
        try await channel.close(mode: .output)
    }

    /// Writes one well-formed frame carrying `request`.
    func send(_ request: Request) async throws {
        try await send(raw: Self.frame(ProtobufCodec.encode(request)))
    }

    static func frame(_ body: [UInt8], flags: UInt8 = 0) -> [UInt8] {
        let n = UInt32(body.count)
        return [
            flags, UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8),
            UInt8(truncatingIfNeeded: n),
        ] + body
    }

    /// The next `count` responses, in arrival order.
    func receive(_ count: Int) async -> [Response] {
        var out: [Response] = []
        for await response in responses {
            out.append(response)
            if out.count == count { break }
        }
        return out
    }

    /// Waits until the server closes the connection.
    func waitUntilClosed() async throws { try await closed.get() }

    func close() async { try? await channel.close() }

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let continuation: AsyncStream<Response>.Continuation
        init(continuation: AsyncStream<Response>.Continuation) { self.continuation = continuation }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if let response = try? ProtobufCodec.decodeResponse(Self.unwrapInboundIn(data)) {
                continuation.yield(response)
            }
        }
        func channelInactive(context: ChannelHandlerContext) {
            continuation.finish()
            context.fireChannelInactive()
        }
    }
}
