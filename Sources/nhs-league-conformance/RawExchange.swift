import LeagueWire
import NIOCore
import NIOPosix

/// Sends bytes exactly as given on a fresh connection and returns the first framed
/// `Response`, or nil when the server closes without one.
enum RawExchange {
    static func exchange(_ bytes: [UInt8], host: String, port: Int) async throws -> Response? {
        let (stream, continuation) = AsyncStream<Response?>.makeStream()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(FrameDecoder(maxMessageLength: Framing.defaultClientMaxMessageLength)))
                    try channel.pipeline.syncOperations.addHandler(FirstResponse(continuation: continuation))
                }
            }
            .connect(host: host, port: port).get()
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
        var first: Response?
        for await response in stream {
            first = response
            break
        }
        try? await channel.close()
        return first
    }

    private final class FirstResponse: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let continuation: AsyncStream<Response?>.Continuation
        init(continuation: AsyncStream<Response?>.Continuation) { self.continuation = continuation }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            continuation.yield(try? ProtobufCodec.decodeResponse(Self.unwrapInboundIn(data)))
        }
        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            continuation.finish()
            context.close(promise: nil)
        }
        func channelInactive(context: ChannelHandlerContext) {
            continuation.finish()
            context.fireChannelInactive()
        }
    }
}
