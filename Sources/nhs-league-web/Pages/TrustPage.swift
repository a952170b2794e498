import LeagueWire

/// `/trust/{code}` and `/trust/{code}/hospital/{site}`: how one trust is doing, in the
/// order a patient asks: rank, segment, movement, domains, hospitals, actions, caveats.
enum TrustPage {
    static func make(code: String, site siteCode: String?, _ site: WebSite) async throws(WebError) -> PageOutcome {
        guard Postcode.looksLikeTrustCode(code) else {
            throw WebError.notFound("There is no NHS trust with the code \(code.prefix(12)).")
        }
        let detail = try await site.gateway.getTrust(code)
        let trust = detail.value.trust
        if trust.odsCode != code {
            // Canonical address (codes are case-insensitive).
            return .redirect(trust.href + (siteCode.map { "/hospital/\($0)" } ?? ""))
        }
        // History and actions add detail; the page still shows the rank without them.
        async let historyCall = try? site.gateway.trustHistory(trust.odsCode)
        async let actionsCall = try? site.gateway.listActions(trust.odsCode)
        let (history, actions) = await (historyCall?.value, actionsCall?.value)

        var hospital: HospitalSite?
        if let siteCode {
            guard
                let match = detail.value.sites.first(where: {
                    $0.siteCode.caseInsensitiveCompare(siteCode) == .orderedSame
                })
            else {
                throw WebError.notFound("\(trust.name) has no site with the code \(siteCode.prefix(12)).")
            }
            hospital = match
        }

        var context = Context.trust(trust)
        if let hospital { context["hospital"] = Context.site(hospital, trust: trust) }
        // The hospitals the records show the trust runs, not every site it has a code at
        // (independent hospitals it sends patients to are among those).
        context["sites"] = detail.value.mainHospitals.map { Context.site($0, trust: trust) }
        context["siteCount"] = detail.value.mainHospitals.count
        context["caveats"] = detail.value.caveats
        context["hasCaveats"] = !detail.value.caveats.isEmpty || !(trust.latest?.caveats.isEmpty ?? true)
        if let highlights = detail.value.metricHighlights,
            !(highlights.strongest.isEmpty && highlights.weakest.isEmpty)
        {
            context["metrics"] = Context.metricHighlights(highlights)
        }
        context["hasDomains"] = !(trust.latest?.domains.isEmpty ?? true)
        if let history {
            let rankings = history.rankings
            context["chart"] = HistoryChart.svg(rankings)
            context["history"] = rankings.reversed().map(Context.ranking)
            context["hasHistory"] = !rankings.isEmpty
        }
        if let actions {
            context["actions"] = actions.actions.map(Context.action)
            context["actionsSummary"] = actions.summary
        }
        let title = hospital.map { "\($0.name) (\(trust.name))" } ?? trust.name
        return .page(
            Page(
                template: "trust", title: title, context: context,
                json: {
                    jsonObject { json in
                        if let hospital {
                            json.key("hospital")
                            json.message(hospital)
                        }
                        json.key("trust")
                        json.message(detail.value)
                        if let history {
                            json.key("history")
                            json.message(history)
                        }
                        if let actions {
                            json.key("actions")
                            json.message(actions)
                        }
                    }
                },
                dataVersion: detail.dataVersion))
    }
}
