import LeagueService
import LeagueWire

extension LeagueService {
    /// The id-0 going-away notice (issue 14) a framing connection gets when the server
    /// shuts down gracefully, naming the last request id that will still be answered.
    func goingAwayNotice(lastAnsweredID: UInt64) -> Response {
        Response(id: 0, status: GoingAway.status(lastAnsweredID: lastAnsweredID), dataVersion: currentDataVersion)
    }
}
