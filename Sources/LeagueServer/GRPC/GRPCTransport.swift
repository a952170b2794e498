import Logging
import NIOCore
import NIOHPACK
import NIOHTTP2

/// The gRPC side of a connection: swift-nio-http2 (one child channel per stream, each
/// served by a `GRPCStreamHandler`), and graceful shutdown by GOAWAY.
enum GRPCTransport {
    static func install(on pipeline: ChannelPipeline.SynchronousOperations, router: GRPCRouter, logger: Logger) throws {
        var connection = NIOHTTP2Handler.ConnectionConfiguration()
        // Room for h2load-style clients that keep many calls in flight on one connection.
        connection.initialSettings = [
            HTTP2Setting(parameter: .maxConcurrentStreams, value: 256),
            HTTP2Setting(parameter: .maxHeaderListSize, value: HPACKDecoder.defaultMaxHeaderListSize),
        ]
        let connectionHandler = GRPCConnectionHandler()
        // Stream channels live on the connection's event loop, so the handler is reachable from there.
        let streams = NIOLoopBound(connectionHandler, eventLoop: pipeline.eventLoop)
        _ = try pipeline.configureHTTP2Pipeline(
            mode: .server, connectionConfiguration: connection, streamConfiguration: .init()
        ) { stream in
            stream.eventLoop.makeCompletedFuture {
                let id = try stream.syncOptions?.getOption(HTTP2StreamChannelOptions.streamID) ?? .rootStream
                streams.value.streamOpened(id)
                stream.closeFuture.assumeIsolated().whenComplete { _ in streams.value.streamClosed() }
                try stream.pipeline.syncOperations.addHandler(
                    GRPCStreamHandler(router: router, connection: streams.value, logger: logger))
            }
        }
        try pipeline.addHandler(connectionHandler)
    }
}
