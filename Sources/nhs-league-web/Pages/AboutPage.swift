import LeagueWire

/// `/about`: where the data comes from, which quarters it covers, what is missing and
/// how the ranking works.
enum AboutPage {
    static func make(_ site: WebSite) async throws(WebError) -> PageOutcome {
        let info = try await site.gateway.serverInfo()
        let value = info.value
        let coverage: [[String: Any]] = value.coverage.map { row in
            [
                "quarter": row.quarter, "period": row.period, "table": Words.tableTitle(row.table),
                "size": row.tableSize, "withPosition": row.withPosition, "withDomains": row.withDomainScores,
                "published": row.published.isEmpty ? "not recorded" : row.published,
                "gap": row.withPosition < row.tableSize || row.withDomainScores < row.tableSize,
            ]
        }
        let gaps: [String] = value.coverage.compactMap { row in
            var missing: [String] = []
            if row.withPosition < row.tableSize {
                missing.append("\(row.tableSize - row.withPosition) without a position")
            }
            if row.withDomainScores < row.tableSize {
                missing.append("\(row.tableSize - row.withDomainScores) without domain scores")
            }
            if missing.isEmpty { return nil }
            return "\(row.quarter), \(Words.tablePlural(row.table)): " + missing.joined(separator: ", ") + "."
        }
        let context: [String: Any] = [
            "coverage": coverage, "gaps": gaps, "attribution": value.attribution, "dataVersion": value.dataVersion,
            "latestQuarter": value.latestQuarter, "trusts": value.trusts, "sites": value.sites,
            "actions": value.actions, "serverVersion": value.serverVersion,
        ]
        return .page(
            Page(
                template: "about", title: "About this data", context: context, json: { value.jsonString() },
                dataVersion: info.dataVersion))
    }
}
