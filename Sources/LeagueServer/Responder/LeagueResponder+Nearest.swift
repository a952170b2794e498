import LeagueCore
import LeagueWire

extension LeagueResponder {
    func nearest(_ request: NearestRequest, snapshot: LeagueSnapshot) throws -> NearestResult {
        throw UnimplementedCall()
    }
}
