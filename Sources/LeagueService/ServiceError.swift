import LeagueCore

/// A failure of the service itself (today: a reload that could not be used), as opposed
/// to a bad request, which is answered with a status instead of thrown.
public struct ServiceError: LeagueErrorConvertible, CustomStringConvertible {
    /// What kind of failure this is; stable for programs, while `message` is for people.
    public enum Code: String, Sendable, Hashable {
        /// The new dataset could not be loaded; the previous one is still served.
        case reloadFailed = "reload_failed"
    }

    public var code: Code
    public var message: String
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// A dataset that fails validation leaves the service unable to do what was asked.
    public var leagueErrorCode: LeagueErrorCode { .failedPrecondition }
    public var leagueErrorMessage: String { description }

    public var description: String {
        if let cause { return "\(message) (\(code.rawValue)): \(cause)" }
        return "\(message) (\(code.rawValue))"
    }
}
