/// What kind of failure an error is, in the small vocabulary every transport shares:
/// the gRPC status codes the nhs-league protocol answers errors with. A transport maps
/// each case onto its own status by name (`nhs.league.v1.Code`, a gRPC status), so the
/// core can say "not found" without knowing how the answer travels.
public enum LeagueErrorCode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The request itself is wrong (empty, malformed, out of range); asking again unchanged fails again.
    case invalidArgument = "INVALID_ARGUMENT"
    /// The request is well formed but names nothing the data holds (an unknown ODS code or postcode).
    case notFound = "NOT_FOUND"
    /// The answer was ready only after the request's own deadline had passed.
    case deadlineExceeded = "DEADLINE_EXCEEDED"
    /// The data the operation needs is not in a usable state (a dataset that fails validation),
    /// or the thing asked for exists but not where asked (a metric the trust's table or the
    /// quarter does not publish).
    case failedPrecondition = "FAILED_PRECONDITION"
    /// The request asks for something this server does not do (no call set, or a newer client's call).
    case unimplemented = "UNIMPLEMENTED"
    /// A fault of the server, not of the request.
    case `internal` = "INTERNAL"

    /// The gRPC name, e.g. `NOT_FOUND`.
    public var description: String { rawValue }
}

/// An error that knows the status it should be reported with: a code, and a message for
/// the person who asked. Every error the core throws conforms, so a transport turns any of
/// them into an answer without a per-type switch (after grpc-swift's `RPCErrorConvertible`).
///
/// The message says what was wrong and how to fix it in plain words. It never names a
/// transport, a wire call or a protocol field (the same text serves the TCP protocol,
/// the CLI and any later transport), and never echoes more of the input than needed.
public protocol LeagueErrorConvertible: Error, Sendable {
    /// What kind of failure this is.
    var leagueErrorCode: LeagueErrorCode { get }
    /// Safe to show the person who asked.
    var leagueErrorMessage: String { get }
}

extension LeagueErrorConvertible where Self: CustomStringConvertible {
    /// Core errors describe themselves in words fit for people, so the description is the message.
    public var leagueErrorMessage: String { description }
}
