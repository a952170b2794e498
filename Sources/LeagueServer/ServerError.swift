/// A failure of the server itself (binding, loading data, reloading), as opposed to a
/// bad request, which is answered on the wire with a status code instead.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; stable for programs, while `message` is for people.
    public enum Code: String, Sendable, Hashable {
        case bindFailed = "bind_failed"
        case reloadFailed = "reload_failed"
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
