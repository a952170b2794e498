import NIOCore

/// Slowloris defence (issue 14): a frame whose first byte has arrived must be complete
/// within `timeout`. Sits before the frame decoder of a framing connection; when a frame
/// is late it raises `Limit.frameTimedOut`, which `RequestHandler` answers like any
/// framing error (after the answers already owed, with an id-0 DEADLINE_EXCEEDED, then
/// close), and passes on nothing more.
///
/// Time the server itself holds reads back (back-pressure: the client is not reading its
/// answers) is not the client's fault: if no read was asked for when the deadline falls,
/// the frame gets a fresh deadline instead.
final class FrameDeadlineHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    private let configured: Duration
    private var progress = FrameProgress()
    private var timer: Scheduled<Void>?
    /// A read was asked for (we wait on the client) and has not yet been served.
    private var readPending = true
    private var expired = false

    init(timeout: Duration) {
        self.configured = timeout
        self.timeout = TimeAmount(timeout)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !expired else { return }
        let bytes = unwrapInboundIn(data)  // instance, not static: see GRPCConnectionHandler.channelRead
        if progress.consume(bytes) {
            timer?.cancel()
            timer = nil
        }
        if progress.isMidFrame, timer == nil { startTimer(context: context) }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        readPending = false
        context.fireChannelReadComplete()
    }

    func read(context: ChannelHandlerContext) {
        readPending = true
        context.read()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopTimer()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { stopTimer() }

    private func stopTimer() {
        timer?.cancel()
        timer = nil
    }

    private func startTimer(context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            timer = nil
            guard progress.isMidFrame, !expired else { return }
            guard readPending else {
                // We were not reading (back-pressure): not the client's delay.
                startTimer(context: context)
                return
            }
            expired = true
            Limit.frameTimeout.tripped()
            context.fireErrorCaught(Limit.frameTimedOut(after: configured))
        }
    }
}
