import LeagueService
import NIOCore
import NIOHTTP2

/// Sits after the `NIOHTTP2Handler` of a gRPC connection and carries out a graceful
/// shutdown: on `ChannelShouldQuiesceEvent` it sends GOAWAY naming the last stream
/// accepted (so the client retries later calls elsewhere), lets the streams in flight
/// finish, and closes the connection once none is open. `GRPCTransport` tells it about
/// each stream channel the multiplexer opens (with the inline multiplexer, stream events do
/// not travel down the connection pipeline, and its stream delegate is not told about
/// streams the client opens). It also counts the connection and keeps its streams'
/// request metrics (operations), as `RequestHandler` does for the framing.
final class GRPCConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame
    typealias OutboundOut = HTTP2Frame

    private var openStreams = 0
    private var lastStreamID = HTTP2StreamID.rootStream
    private var quiescing = false
    private var context: ChannelHandlerContext?
    /// The `protocol` label of this transport's metrics.
    static let protocolLabel = "grpc"
    /// Every stream of this connection runs on its event loop, so one recorder serves them all.
    var requestMetrics = RequestRecorder(protocol: GRPCConnectionHandler.protocolLabel)

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        ServiceMetrics.connectionOpened(protocol: Self.protocolLabel)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        ServiceMetrics.connectionClosed(protocol: Self.protocolLabel)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case IdleStateHandler.IdleStateEvent.all = event {
            // Idle timeout (limits): no stream open and nothing heard for the whole timeout.
            guard openStreams == 0 else { return }
            Limit.idle.tripped()
            context.close(promise: nil)
            return
        }
        guard event is ChannelShouldQuiesceEvent else {
            return context.fireUserInboundEventTriggered(event)
        }
        guard !quiescing else { return }
        quiescing = true
        let goAway = HTTP2Frame(
            streamID: .rootStream, payload: .goAway(lastStreamID: lastStreamID, errorCode: .noError, opaqueData: nil))
        context.writeAndFlush(Self.wrapOutboundOut(goAway), promise: nil)
        closeIfDrained()
    }

    func streamOpened(_ id: HTTP2StreamID) {
        openStreams += 1
        lastStreamID = max(lastStreamID, id)
    }

    func streamClosed() {
        openStreams -= 1
        closeIfDrained()
    }

    private func closeIfDrained() {
        if quiescing, openStreams == 0 { context?.close(promise: nil) }
    }
}
