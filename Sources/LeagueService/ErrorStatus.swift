import LeagueCore
import LeagueWire

extension LeagueService {
    /// The status reporting `error`. Core and service errors carry their own
    /// (`LeagueErrorConvertible`); a wire error carries the wire's; anything else is a
    /// fault of ours, reported without its details.
    ///
    /// Errors about the server's own data (loading, validating, importing, reloading) keep
    /// their code but not their text: that names files and lines for the operator, who reads
    /// it in the log, and must not reach whoever asked.
    static func status(for error: any Error) -> Status {
        switch error {
        case let error as any LeagueErrorConvertible where isAboutServerData(error):
            return Status(code: StatusCode(error.leagueErrorCode), message: serverDataMessage)
        case let error as any LeagueErrorConvertible:
            return Status(code: StatusCode(error.leagueErrorCode), message: error.leagueErrorMessage)
        case let error as WireError:
            return error.status
        default:
            return Status(code: .internal, message: "internal error while answering")
        }
    }

    /// What an answer says instead of a data error's own text.
    static let serverDataMessage = "the server's dataset could not be used for this request; the details are in its log"

    /// Whether `error` is about the server's files rather than the request.
    static func isAboutServerData(_ error: any Error) -> Bool {
        switch error {
        case is DatasetError, is CSVSyntaxError, is GeoFileError, is ImportError, is CodePointImport.ImportError,
            is ServiceError:
            true
        default: false
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
    var timeAllowed: Duration
    var leagueErrorCode: LeagueErrorCode { .deadlineExceeded }
    var leagueErrorMessage: String { "no answer within the request's \(Self.describe(timeAllowed)) deadline" }

    /// "250 ms" for the framing's whole milliseconds; "1500 µs" or "1 ns" for a finer gRPC timeout.
    static func describe(_ time: Duration) -> String {
        let (seconds, attoseconds) = time.components
        // Beyond 30 years (an 8-digit grpc-timeout in hours) nanoseconds overflow Int64.
        guard seconds < 1_000_000_000 else { return "\(seconds) s" }
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000) ms" }
        if nanoseconds % 1_000 == 0 { return "\(nanoseconds / 1_000) µs" }
        return "\(nanoseconds) ns"
    }
}

extension Request {
    /// The time this request allows from its arrival (`deadline_ms`); nil: no deadline.
    var timeAllowed: Duration? { deadlineMs > 0 ? .milliseconds(deadlineMs) : nil }
}
