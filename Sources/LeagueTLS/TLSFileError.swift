/// A TLS certificate or key file that cannot be used: missing, unreadable, not PEM, or
/// a key that does not belong to its certificate. Raised when the server or a client
/// starts, before any connection, so a bad path fails at once with one clear line.
public struct TLSFileError: Error, Sendable, CustomStringConvertible {
    /// What is wrong; stable for programs, while `message` is for people.
    public enum Code: String, Sendable, Hashable {
        /// The file does not exist or cannot be read.
        case unreadable
        /// The file holds no PEM certificate (or no unencrypted PEM private key).
        case notPEM = "not_pem"
        /// The certificate and private key do not form a usable TLS identity.
        case mismatch
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
