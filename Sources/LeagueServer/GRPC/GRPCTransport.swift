import Logging
import NIOCore
import NIOHPACK
import NIOHTTP2

/// The gRPC side of a connection: swift-nio-http2's `NIOHTTP2Handler` for HTTP/2, then one
/// `GRPCConnectionHandler` serving every stream's call from the frames (no child channel
/// per stream), and graceful shutdown by GOAWAY.
enum GRPCTransport {
    static func install(on pipeline: ChannelPipeline.SynchronousOperations, router: GRPCRouter, logger: Logger) throws {
        var connection = NIOHTTP2Handler.ConnectionConfiguration()
        // Room for h2load-style clients that keep many calls in flight on one connection.
        connection.initialSettings = [
            HTTP2Setting(parameter: .maxConcurrentStreams, value: 256),
            HTTP2Setting(parameter: .maxHeaderListSize, value: HPACKDecoder.defaultMaxHeaderListSize),
        ]
        let streams = NIOHTTP2Handler.StreamConfiguration()
        // Without a stream initializer the handler passes every frame, tagged with its
        // stream, down the connection's pipeline.
        try pipeline.addHandler(
            NIOHTTP2Handler(mode: .server, connectionConfiguration: connection, streamConfiguration: streams))
        try pipeline.addHandler(
            GRPCConnectionHandler(
                router: router, logger: logger,
                // The initial settings leave SETTINGS_INITIAL_WINDOW_SIZE at HTTP/2's default,
                // which is also the stream configuration's target.
                connectionWindow: connection.targetWindowSize, streamWindow: streams.targetWindowSize))
    }
}
