/// Why a query could not be answered: bad input, or nothing by that name.
/// The server maps `code` onto the wire status (INVALID_ARGUMENT / NOT_FOUND).
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case invalidArgument = "invalid_argument"
        case notFound = "not_found"
        /// The thing exists but not where asked (e.g. a metric the table or quarter does not publish).
        case failedPrecondition = "failed_precondition"
    }

    public var code: Code
    /// Safe to show a person: says what was wrong and how to fix it.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
