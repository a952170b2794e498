import HTTPTypes
import LeagueWire

/// A page that cannot be shown: the HTTP status, a plain-English message for the
/// person reading, and the server's status for JSON clients.
struct WebError: Error, Sendable {
    var status: HTTPResponse.Status
    /// Short heading, e.g. "Page not found".
    var title: String
    /// What happened and what to do, in plain English.
    var message: String
    var code: StatusCode
    var cause: (any Error)?

    init(
        _ status: HTTPResponse.Status, title: String, message: String, code: StatusCode,
        cause: (any Error)? = nil
    ) {
        self.status = status
        self.title = title
        self.message = message
        self.code = code
        self.cause = cause
    }

    /// The server answered with a non-OK status.
    init(serverStatus: Status) {
        let message = serverStatus.message
        switch serverStatus.code {
        case .invalidArgument:
            self.init(.badRequest, title: "Check what you typed", message: message, code: serverStatus.code)
        case .notFound:
            self.init(.notFound, title: "We could not find that", message: message, code: serverStatus.code)
        case .unavailable, .resourceExhausted, .deadlineExceeded, .cancelled:
            self.init(
                .serviceUnavailable, title: "Sorry, there is a problem with the service",
                message: "Try again in a few minutes.", code: serverStatus.code)
        default:
            self.init(
                .badGateway, title: "Sorry, there is a problem with the service",
                message: "Try again later.", code: serverStatus.code)
        }
    }

    static func unavailable(cause: any Error) -> WebError {
        WebError(
            .serviceUnavailable, title: "Sorry, the service is unavailable",
            message: "We cannot get the league table data right now. Try again in a few minutes.",
            code: .unavailable, cause: cause)
    }

    static func badRequest(_ message: String) -> WebError {
        WebError(.badRequest, title: "Check what you typed", message: message, code: .invalidArgument)
    }

    static func notFound(_ message: String) -> WebError {
        WebError(.notFound, title: "We could not find that", message: message, code: .notFound)
    }

    /// The JSON body: a `Status` message, as the protocol reports errors.
    var statusMessage: Status {
        var status = Status()
        status.code = code
        status.message = message
        return status
    }
}
