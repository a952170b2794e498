import LeagueWire

/// Answers one decoded request. The network layer knows nothing about the data:
/// it hands each `Request` to a responder and writes back whatever it returns.
///
/// Implementations must be fast and non-blocking: `respond` runs on the
/// connection's event loop (every query is an in-memory lookup on an immutable
/// snapshot, measured in microseconds).
public protocol RequestResponder: Sendable {
    /// The answer to `request`. Must always return a `Response` carrying
    /// `request.id`; errors are reported through its status, never thrown.
    func respond(to request: Request) -> Response

    /// The data version to stamp on connection-level error responses (id 0).
    var currentDataVersion: String { get }
}
