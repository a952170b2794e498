import LeagueService
import LeagueWire

/// The server's limits (issue 14), by the name their metric carries: each trip is counted
/// in `nhs_league_limits_tripped_total{limit=...}`, and each says why in a safe message.
enum Limit: String, Sendable {
    /// `ServerConfiguration.maxConnections`.
    case connections
    /// `ServerConfiguration.maxRequestsInFlight`.
    case requestsInFlight = "requests_in_flight"
    /// `ServerConfiguration.idleTimeout`.
    case idle
    /// `ServerConfiguration.frameTimeout`.
    case frameTimeout = "frame_timeout"

    /// Counts one trip.
    func tripped() { ServiceMetrics.recordLimitTripped(rawValue) }

    /// The id-0 answer to a connection past the connection limit.
    static let atConnectionLimit = WireError(
        .limitExceeded, code: .unavailable, message: "server at its connection limit")

    /// The answer (with the request's own id) to a request past the in-flight limit.
    static func tooManyInFlight(_ limit: Int) -> WireError {
        WireError(
            .limitExceeded, code: .resourceExhausted,
            message: "more than \(limit) requests in flight on this connection; read the answers before sending more")
    }

    /// The id-0 answer to a frame that began but did not finish in time.
    static func frameTimedOut(after timeout: Duration) -> WireError {
        WireError(
            .frameTimeout, code: .deadlineExceeded,
            message: "a frame began but was not complete within \(timeout.components.seconds) seconds; closing")
    }
}
