// The status each core error carries. Kept beside each other (not in the types' own files)
// so the whole vocabulary can be reviewed at once: every refused request is
// INVALID_ARGUMENT unless it is well formed and names nothing the data holds (NOT_FOUND);
// a dataset or import that cannot be used is FAILED_PRECONDITION.

extension QueryError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { code }
}

extension SearchError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .invalidArgument }
}

extension PostcodeSyntaxError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .invalidArgument }
}

extension LocationError: LeagueErrorConvertible {
    /// A well-formed postcode the data cannot place is NOT_FOUND; a text that is not a
    /// postcode, or coordinates off the globe, are INVALID_ARGUMENT.
    public var leagueErrorCode: LeagueErrorCode {
        switch self {
        case .unknownPostcode, .noCoordinates: .notFound
        case .malformedPostcode, .latitudeOutOfRange, .longitudeOutOfRange, .ambiguousTown: .invalidArgument
        }
    }
}

extension NearestQueryError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .invalidArgument }
}

extension NearestTrustSearch.Failure: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode {
        switch self {
        case .location(let error): error.leagueErrorCode
        case .query(let error): error.leagueErrorCode
        }
    }
}

extension DatasetError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .failedPrecondition }
    // The message is the summary and every `file:line: problem`: what an operator needs to fix the data.
}

extension CSVSyntaxError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .failedPrecondition }
}

extension GeoFileError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .failedPrecondition }
}

extension ImportError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .failedPrecondition }
}

extension CodePointImport.ImportError: LeagueErrorConvertible {
    public var leagueErrorCode: LeagueErrorCode { .failedPrecondition }
}
