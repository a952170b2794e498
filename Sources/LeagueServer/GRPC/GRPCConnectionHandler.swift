import NIOCore
import NIOHTTP2

/// Sits after the `NIOHTTP2Handler` of a gRPC connection and carries out a graceful
/// shutdown: on `ChannelShouldQuiesceEvent` it sends GOAWAY naming the last stream
/// accepted (so the client retries later ones elsewhere), lets the streams in flight
/// finish, and closes the connection once none is open.
final class GRPCConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTP2Frame
    typealias OutboundIn = HTTP2Frame
    typealias OutboundOut = HTTP2Frame

    private var openStreams = 0
    private var lastStreamID = HTTP2StreamID.rootStream
    private var quiescing = false

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let created as NIOHTTP2StreamCreatedEvent:
            openStreams += 1
            lastStreamID = max(lastStreamID, created.streamID)
        case is StreamClosedEvent:
            openStreams -= 1
            closeIfDrained(context: context)
        case is ChannelShouldQuiesceEvent:
            guard !quiescing else { break }
            quiescing = true
            let goAway = HTTP2Frame(
                streamID: .rootStream, payload: .goAway(lastStreamID: lastStreamID, errorCode: .noError, opaqueData: nil))
            context.writeAndFlush(Self.wrapOutboundOut(goAway), promise: nil)
            closeIfDrained(context: context)
            return
        default:
            break
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func closeIfDrained(context: ChannelHandlerContext) {
        if quiescing, openStreams == 0 { context.close(promise: nil) }
    }
}
