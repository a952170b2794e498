import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// Sits behind the TLS handler until the handshake ends. A refused handshake (a
/// plaintext client, a client certificate missing or from an unknown CA) is logged here,
/// once, with the peer's address; the TLS handler closes the connection itself. After a
/// successful handshake this handler removes itself, so requests do not pass through it.
final class TLSHandshakeLogger: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            context.fireUserInboundEventTriggered(event)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let metadata: Logger.Metadata = [
            "peer": "\(context.remoteAddress.map { "\($0)" } ?? "?")", "error": "\(error)",
        ]
        if case .uncleanShutdown = error as? NIOSSLError {
            // Connected and left without a word (a TCP health check): not worth a notice.
            logger.debug("TLS connection closed before its handshake", metadata: metadata)
        } else {
            // Notice, not error: a stranger's bad handshake is not the server's fault.
            logger.notice("TLS handshake refused", metadata: metadata)
        }
        context.fireErrorCaught(error)
    }
}
