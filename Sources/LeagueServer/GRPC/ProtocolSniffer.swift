import NIOCore

/// The first handler of every accepted connection: looks at the first byte the client
/// sends and installs the matching protocol, then steps aside. An HTTP/2 client preface
/// (gRPC) begins "PRI * HTTP/2.0"; a frame of our own protocol begins with its flag byte,
/// which is always 0. So one port serves both.
final class ProtocolSniffer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// Adds a protocol's handlers at the end of the pipeline (after this one).
    typealias Installer = (ChannelPipeline.SynchronousOperations) throws -> Void

    private let framing: Installer
    private let grpc: Installer
    /// Installs what tells a client that has sent nothing yet that the server is going away.
    private let goingAway: Installer

    init(framing: @escaping Installer, grpc: @escaping Installer, goingAway: @escaping Installer) {
        self.framing = framing
        self.grpc = grpc
        self.goingAway = goingAway
    }

    /// A connection that sends nothing at all for the idle timeout (limits), or whose client
    /// closes before sending anything, is closed here: no protocol was chosen, so nothing is owed.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case IdleStateHandler.IdleStateEvent.read = event {
            Limit.idle.tripped()
            context.close(promise: nil)
            return
        }
        if case ChannelEvent.inputClosed = event {
            // The client closed before sending a byte. With `allowRemoteHalfClosure` NIO leaves
            // the channel open for us to decide, and no protocol handler is here yet to close
            // it: without this, every such connection stayed in CLOSE_WAIT until the idle
            // timeout, holding its place at the connection limit and its memory (the chaos
            // run's 5,000 idle clients, which read as memory the allocator would not return).
            context.close(promise: nil)
            return
        }
        if event is ChannelShouldQuiesceEvent {
            // Graceful shutdown before the client sent anything: nothing is owed, but the
            // client is told (and the shutdown need not wait for it).
            do {
                try goingAway(context.pipeline.syncOperations)
                context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            } catch {
                context.close(promise: nil)
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Self.unwrapInboundIn(data)
        guard let first = bytes.getInteger(at: bytes.readerIndex, as: UInt8.self) else { return }
        do {
            // "P" starts the HTTP/2 preface; anything else goes to the framing, whose decoder
            // reports a bad flag byte as it always has.
            try (first == UInt8(ascii: "P") ? grpc : framing)(context.pipeline.syncOperations)
        } catch {
            context.fireErrorCaught(error)
            context.close(promise: nil)
            return
        }
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
