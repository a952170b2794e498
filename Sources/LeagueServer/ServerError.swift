/// A failure of the server itself (binding, its lifecycle), as opposed to a bad request,
/// which is answered on the wire with a status code instead.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; stable for programs, while `message` is for people.
    public enum Code: String, Sendable, Hashable {
        /// The address could not be bound (in use, not local, no permission).
        case bindFailed = "bind_failed"
        /// `start()` was called on a server that had been started before.
        case alreadyStarted = "already_started"
        /// `shutdownGracefully()` was called while `start()` was still binding.
        case stopped
        /// TLS is configured with a certificate, key or CA file that cannot be used (issue 14).
        case tlsInvalid = "tls_invalid"
    }

    public var code: Code
    public var message: String
    public var cause: (any Error)?

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        if let cause { return "\(message) (\(code.rawValue)): \(cause)" }
        return "\(message) (\(code.rawValue))"
    }
}
