import LeagueCore
import LeagueWire

extension LeagueService {
    /// `find_trusts`: ranked candidates, each with its trust summary and what matched.
    func findTrusts(_ request: FindTrustsRequest, snapshot: LeagueSnapshot) throws -> FindTrustsResult {
        let outcome = try snapshot.names.search(request.query, limit: Int(request.limit))
        var result = FindTrustsResult()
        result.normalizedQuery = outcome.normalizedQuery
        result.didYouMean = outcome.didYouMean
        result.ambiguous = outcome.isAmbiguous
        result.matches = outcome.matches.compactMap { match in
            guard let trust = snapshot.dataset.trust(match.odsCode) else { return nil }
            var wire = TrustMatch()
            wire.trust = WireMapping.trust(snapshot.queries.summary(of: trust))
            wire.kind = Self.kind(match.kind)
            wire.field = Self.field(match.field)
            wire.matchedText = match.matchedText
            wire.score = match.score
            wire.siteCode = match.siteCode ?? ""
            wire.aliasSource = match.aliasSource ?? ""
            return wire
        }
        return result
    }

    static func kind(_ kind: SearchMatchKind) -> MatchKind {
        switch kind {
        case .exact: .exact
        case .alias: .alias
        case .token: .token
        case .prefix: .prefix
        case .fuzzy: .fuzzy
        }
    }

    static func field(_ field: SearchField) -> MatchField {
        switch field {
        case .odsCode: .odsCode
        case .trustName: .trustName
        case .siteName: .siteName
        case .alias: .alias
        case .formerName: .formerName
        }
    }
}
