import LeagueCore
import LeagueWire

extension LeagueResponder {
    func findTrusts(_ request: FindTrustsRequest, snapshot: LeagueSnapshot) throws -> FindTrustsResult {
        throw UnimplementedCall()
    }
}
