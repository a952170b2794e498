/// When to give an HTTP/2 client more inbound credit (WINDOW_UPDATE), for a connection or a
/// stream, as swift-nio-http2's stream multiplexer does for its child channels: once the
/// window has fallen to half its target or below, top it up to the target. Without the
/// multiplexer (`GRPCConnectionHandler` reads frames itself) nothing else sends them.
struct InboundWindow: Sendable {
    /// The window kept open, in bytes (the initial window size: 65,535 unless configured).
    var target: Int

    /// The increment to send when the window is down to `size` bytes; nil while more than
    /// half is left. A size below zero (a smaller initial window size taking effect) is topped up too.
    func increment(forSize size: Int) -> Int? {
        guard size < target else { return nil }
        guard size >= 0 else { return min(target - size, Int(Int32.max)) }
        let increment = target - size
        return increment >= size ? increment : nil
    }
}
