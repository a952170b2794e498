import LeagueCore
import LeagueWire

extension LeagueService {
    /// The status reporting `error`. Core and service errors carry their own
    /// (`LeagueErrorConvertible`); a wire error carries the wire's; anything else is a
    /// fault of ours, reported without its details.
    static func status(for error: any Error) -> Status {
        switch error {
        case let error as any LeagueErrorConvertible:
            return Status(code: StatusCode(error.leagueErrorCode), message: error.leagueErrorMessage)
        case let error as WireError:
            return error.status
        default:
            return Status(code: .internal, message: "internal error while answering")
        }
    }
}

extension StatusCode {
    /// The wire code of the same name.
    public init(_ code: LeagueErrorCode) {
        self =
            switch code {
            case .invalidArgument: .invalidArgument
            case .notFound: .notFound
            case .deadlineExceeded: .deadlineExceeded
            case .failedPrecondition: .failedPrecondition
            case .unimplemented: .unimplemented
            case .internal: .internal
            }
    }
}

/// A request whose call this server does not implement (none set, or from a newer client).
struct UnimplementedCall: LeagueErrorConvertible {
    var leagueErrorCode: LeagueErrorCode { .unimplemented }
    var leagueErrorMessage: String {
        "this server does not know the call in this request (no call set, or a newer client)"
    }
}

/// An answer that was ready only after the request's own deadline.
struct DeadlineExceeded: LeagueErrorConvertible {
    var milliseconds: UInt32
    var leagueErrorCode: LeagueErrorCode { .deadlineExceeded }
    var leagueErrorMessage: String { "no answer within the request's \(milliseconds) ms deadline" }
}
