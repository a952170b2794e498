import NIOCore
import NIOTLS

/// Lets `LeagueClient.connect` return only once the TLS handshake has finished, so a
/// server that cannot be verified fails the connect (with `.tls`) instead of the first call.
/// It stays in the pipeline as a pass-through (the client pipeline is not a hot path).
final class TLSHandshakeWaiter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<Void>
    /// Completes when the handshake has finished; fails with the reason it did not.
    let done: EventLoopFuture<Void>

    init(eventLoop: any EventLoop) {
        promise = eventLoop.makePromise()
        done = promise.futureResult
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            promise.succeed()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // Never leave the promise pending (NIO reports leaked promises).
        promise.fail(ChannelError.ioOnClosedChannel)
    }
}
