import LeagueCore
import LeagueWire

extension LeagueResponder {
    /// The wire status for an error thrown while answering. Every core error type
    /// carries a human message that is safe to show to the person who asked.
    static func status(for error: any Error) -> Status {
        switch error {
        case let error as QueryError:
            switch error.code {
            case .invalidArgument: return Status(code: .invalidArgument, message: error.message)
            case .notFound: return Status(code: .notFound, message: error.message)
            case .failedPrecondition: return Status(code: .failedPrecondition, message: error.message)
            }
        case let error as SearchError:
            return Status(code: .invalidArgument, message: error.description)
        case let error as NearestTrustSearch.Failure:
            switch error {
            case .location(let location): return status(for: location)
            case .query(let query): return status(for: query)
            }
        case let error as LocationError:
            switch error {
            case .unknownPostcode, .noCoordinates:
                return Status(code: .notFound, message: error.description)
            case .malformedPostcode, .latitudeOutOfRange, .longitudeOutOfRange:
                return Status(code: .invalidArgument, message: error.description)
            }
        case let error as NearestQueryError:
            return Status(code: .invalidArgument, message: error.description)
        case is UnimplementedCall:
            return Status(code: .unimplemented, message: "this server does not know the call in this request (no call set, or a newer client)")
        default:
            return Status(code: .internal, message: "internal error while answering")
        }
    }
}
