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
        // Header block and content-length validation off: together 25.7 k instructions per
        // call (of 186 k; BENCHMARKS.md, "gRPC per request, round 2"). Safe here because:
        // - the blocks sent are this server's own few constant ones (`GRPCCall`), valid by
        //   construction, so checking them on every call finds nothing;
        // - of a received block this server is the end (not a proxy: nothing is forwarded, so
        //   no field can be smuggled to another party), and acts only on the fields it reads
        //   (`:method` POST else 405, `:path` a known method else UNIMPLEMENTED, `content-type`
        //   application/grpc else 415, `grpc-timeout`); `GRPCRequestHead` reads them and, in
        //   the same pass, finds what the validation refused (uppercase names,
        //   connection-specific fields, `te` other than "trailers", pseudo-headers unknown,
        //   repeated, late or missing) and the stream is reset with PROTOCOL_ERROR as before;
        // - content-length is not used: gRPC messages carry their own length prefix, checked
        //   by `GRPCCall` against the request size limit, and a stream ending inside a
        //   message is INTERNAL.
        // HTTP/2 framing, HPACK, stream states and flow control stay swift-nio-http2's.
        connection.headerBlockValidation = .disabled
        connection.contentLengthValidation = .disabled
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
