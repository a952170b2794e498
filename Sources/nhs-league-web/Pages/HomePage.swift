import Hummingbird
import LeagueWire

/// `/`: one search box, "hospital, trust or postcode", and links to the tables.
enum HomePage {
    static func make(_ request: Request, _ site: WebSite) async throws(WebError) -> PageOutcome {
        if let query = FormQuery(request).get("q") {
            return .redirect("/search?q=" + Postcode.urlEncoded(query))
        }
        let info = try await site.gateway.serverInfo()
        let latest = info.value.coverage.filter { $0.quarter == info.value.latestQuarter }
        let context: [String: Any] = [
            "latestQuarter": info.value.latestQuarter,
            "period": latest.first?.period ?? "",
            "tables": latest.map { coverage in
                [
                    "title": Words.tableTitle(coverage.table), "size": coverage.tableSize,
                    "href": "/tables?table=\(Words.tableSlug(coverage.table))",
                ] as [String: Any]
            },
        ]
        return .page(
            Page(
                template: "home", title: "Find out how your NHS trust is doing", context: context,
                json: { info.value.jsonString() }, dataVersion: info.dataVersion))
    }
}
