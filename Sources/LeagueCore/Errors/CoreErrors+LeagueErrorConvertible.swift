// The status each core error carries. Kept beside each other (not in the types' own files)
// so the whole vocabulary can be reviewed at once: every refused request is
// INVALID_ARGUMENT unless it is well formed and names nothing the data holds (NOT_FOUND);
// a dataset or import that cannot be used is FAILED_PRECONDITION.

extension QueryError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { code }
    public var leagueErrorMessage: String { message }
}

extension SearchError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .invalidArgument }
    public var leagueErrorMessage: String { description }
}

extension PostcodeSyntaxError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .invalidArgument }
    public var leagueErrorMessage: String { description }
}

extension LocationError: LeagueErrorConvertible {
    /// A well-formed postcode the data cannot place is NOT_FOUND; a text that is not a
    /// postcode, or coordinates off the globe, are INVALID_ARGUMENT.
    public var leagueErrorCode: LeagueErrorCode {
        switch self {
        case .unknownPostcode, .noCoordinates: .notFound
        case .malformedPostcode, .latitudeOutOfRange, .longitudeOutOfRange: .invalidArgument
        }
    }
    public var leagueErrorMessage: String { description }
}

extension NearestQueryError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .invalidArgument }
    public var leagueErrorMessage: String { description }
}

extension NearestTrustSearch.Failure: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode {
        switch self {
        case .location(let error): error.leagueErrorCode
        case .query(let error): error.leagueErrorCode
        }
    }
    public var leagueErrorMessage: String { description }
}

extension DatasetError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .failedPrecondition }
    /// The summary and every `file:line: problem`: what an operator needs to fix the data.
    public var leagueErrorMessage: String { description }
}

extension CSVSyntaxError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .failedPrecondition }
    public var leagueErrorMessage: String { description }
}

extension GeoFileError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .failedPrecondition }
    public var leagueErrorMessage: String { description }
}

extension ImportError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .failedPrecondition }
    public var leagueErrorMessage: String { description }
}

extension CodePointImport.ImportError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .failedPrecondition }
    public var leagueErrorMessage: String { description }
}
