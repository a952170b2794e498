import LeagueCore
import LeagueWire

extension LeagueService {
    /// `find_trusts`: ranked candidates, each with its trust summary and what matched.
    /// - Parameter trusts: `.codeOnly` leaves each match's `trust` holding only its ODS code,
    ///   for the encoded path to splice the trust's cached encoding in.
    func findTrusts(_ request: FindTrustsRequest, snapshot: LeagueSnapshot, trusts: TrustFill = .full) throws
        -> FindTrustsResult
    {
        let outcome = try snapshot.names.search(request.query, limit: Int(request.limit))
        var result = FindTrustsResult()
        result.normalizedQuery = outcome.normalizedQuery
        result.didYouMean = outcome.didYouMean
        result.ambiguous = outcome.isAmbiguous
        result.matches = outcome.matches.compactMap { match in
            guard let trust = snapshot.dataset.trust(match.odsCode) else { return nil }
            var wire = TrustMatch()
            wire.trust = trusts.wire(trust, snapshot)
            wire.kind = Self.kind(match.kind)
            wire.field = Self.field(match.field)
            wire.matchedText = match.matchedText
            wire.score = match.score
            wire.siteCode = match.siteCode ?? ""
            wire.aliasSource = match.aliasSource ?? ""
            let dataset = snapshot.dataset
            // a hospital's name, or an alias of one ("RVI", "GOSH"): the answer names the hospital
            if match.field == .siteName || match.field == .alias, let code = match.siteCode,
                let site = dataset.sitesByCode[code]
            {
                wire.site = WireMapping.site(site, operators: dataset.siteOperators[code])
                wire.headline = dataset.siteHeadline(siteCode: code, trustCode: match.odsCode) ?? ""
                wire.alsoProvidesServicesHere = dataset.alsoProvidesServicesHere(siteCode: code, except: match.odsCode)
            }
            if let former = match.formerCode {
                wire.formerOdsCode = former
                wire.successorNote = dataset.successorNote(formerCode: former) ?? ""
            }
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
