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

    private var finished = false

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            finish(.success(()))
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(ChannelError.ioOnClosedChannel))
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // Never leave the promise pending (NIO reports leaked promises).
        finish(.failure(ChannelError.ioOnClosedChannel))
    }

    private func finish(_ result: Result<Void, any Error>) {
        guard !finished else { return }
        finished = true
        promise.completeWith(result)
    }
}
