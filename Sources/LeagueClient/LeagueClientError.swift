import LeagueWire

/// Why a client call failed: the server could not be reached, it answered with a
/// non-OK status, it did not answer in time, or the connection broke.
public struct LeagueClientError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// No connection could be made (refused, unknown host, connect timeout).
        case unreachable
        /// No answer within the call's timeout.
        case timeout
        /// The connection closed before the answer arrived.
        case connectionClosed
        /// The server sent bytes this client cannot decode.
        case protocolError
        /// The server answered with this non-OK status.
        case server(StatusCode)
        /// TLS failed (issue 14): a certificate or key file cannot be used, the server's
        /// certificate is not trusted, the server refused this client's certificate (or
        /// its absence), or the server speaks TLS and this client does not.
        case tls
        /// The server is shutting down gracefully (issue 14): it sent its going-away notice
        /// and this request was sent after the last one it answers. Retry it on a new
        /// connection (to another replica, or once the server is back).
        case goingAway
    }

    public var code: Code
    public var message: String
    public var cause: (any Error)?

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// The server's status code, when the server answered.
    public var statusCode: StatusCode? {
        if case .server(let code) = code { return code }
        return nil
    }

    /// True when the same call may simply be tried again on a new connection: the server
    /// is going away, is at its connection limit (UNAVAILABLE), or could not be reached.
    public var isRetryable: Bool {
        switch code {
        case .goingAway, .unreachable, .server(.unavailable): true
        default: false
        }
    }

    public var description: String {
        if let cause { return "\(message): \(cause)" }
        return message
    }
}
