/// Why a query could not be answered: bad input, or nothing by that name.
/// It carries its status (`LeagueErrorConvertible`), so a transport reports it as is.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status vocabulary every core error shares (in practice `.invalidArgument`, `.notFound` or `.failedPrecondition`).
    public typealias Code = LeagueErrorCode

    public var code: Code
    /// Safe to show a person: says what was wrong and how to fix it.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
