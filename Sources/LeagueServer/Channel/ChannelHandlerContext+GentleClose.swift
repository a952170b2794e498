import NIOCore

extension ChannelHandlerContext {
    /// Closes a connection whose client may still be sending, without losing what was
    /// written to it: first only our sending side (the client reads everything, then EOF),
    /// then the whole channel once the client closes (the handler closes on `inputClosed`)
    /// or `linger` has passed. A full close with unread bytes in the socket would make the
    /// kernel reset the connection, and a reset can discard the last answers before the
    /// client reads them. Reads go on meanwhile, so the client's close is seen; the handler
    /// drops what they bring.
    func closeOutputThenLinger(_ linger: TimeAmount) {
        let outputClosed = eventLoop.makePromise(of: Void.self)
        outputClosed.futureResult.assumeIsolated().whenComplete { result in
            guard case .success = result else { return self.close(promise: nil) }
            self.eventLoop.assumeIsolated().scheduleTask(in: linger) { self.close(promise: nil) }
            self.read()
        }
        close(mode: .output, promise: outputClosed)
    }
}
