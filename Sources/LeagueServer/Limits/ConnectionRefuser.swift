import LeagueWire
import NIOCore

/// Serves a connection past `ServerConfiguration.maxConnections` instead of the protocol
/// sniffer: writes one id-0 UNAVAILABLE answer ("server at its connection limit"), stops
/// sending, and closes once the client closes or `linger` passes (`closeOutputThenLinger`,
/// so a reset does not discard the answer). A gRPC client just sees the connection fail.
final class ConnectionRefuser: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let answer: Response
    private let linger: TimeAmount
    private let limit: Limit?
    private var refused = false

    /// - Parameters:
    ///   - answer: the id-0 response to send (it carries the data version).
    ///   - limit: the limit counted as tripped; nil when a connection that sent nothing
    ///     yet is told the server is going away (the same answer-and-close, no limit).
    init(answer: Response, limit: Limit? = .connections, linger: TimeAmount = .seconds(2)) {
        self.answer = answer
        self.limit = limit
        self.linger = linger
    }

    /// The client closed its side: nothing more to wait for.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { context.close(promise: nil) }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { refuse(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        refuse(context: context)
        context.fireChannelActive()
    }

    /// Whatever the client sends is not read into anything.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func refuse(context: ChannelHandlerContext) {
        guard !refused else { return }
        refused = true
        limit?.tripped()
        let encoded = EncodedResponse(answer)
        var buffer = context.channel.allocator.buffer(capacity: Framing.headerLength + encoded.messageLength)
        encoded.writeFrame(into: &buffer)
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenComplete { _ in context.closeOutputThenLinger(self.linger) }
        context.writeAndFlush(Self.wrapOutboundOut(buffer), promise: written)
    }
}
