import LeagueCore
import LeagueService
import LeagueWire
import Testing

/// What the service answers, checked against the dataset itself on every trust, every
/// published table and every postcode district: no socket, no hand-picked answers.
@Suite("Answers from the real dataset")
struct AnswerTests {
    static let quarterTables: [QuarterTable] = Shared.dataset.quarterTables

    @Test("get_trust: every trust, with the latest ranking the dataset holds for it", arguments: Shared.trustCodes)
    func getTrust(code: String) throws {
        let response = ask(.getTrust(GetTrustRequest(odsCode: code.lowercased())))
        #expect(response.status.code == .ok, "\(response.status.message)")
        #expect(response.dataVersion == Shared.snapshot.version)
        guard case .getTrust(let detail) = response.result else {
            Issue.record("\(code): no get_trust result")
            return
        }
        #expect(detail.trust.odsCode == code)
        #expect(detail.sites.count == Shared.dataset.sites(parent: code).count)
        let expected = Shared.dataset.latestRanking(for: code)?.ranking
        #expect(detail.trust.latest?.quarter == expected?.quarter.label)
        #expect(detail.trust.latest?.leaguePosition == expected?.leaguePosition.map(UInt32.init))
        #expect(detail.trust.latest?.segment == expected?.segment.map(UInt32.init))
        #expect(detail.trust.latest?.tableSize == expected.map { UInt32($0.tableSize) })
        #expect(detail.trust.latest?.source == expected?.source)
    }

    @Test("trust_history: every trust, one ranking per published quarter, oldest first", arguments: Shared.trustCodes)
    func history(code: String) {
        let response = ask(.trustHistory(TrustHistoryRequest(odsCode: code)))
        guard case .trustHistory(let history) = response.result else {
            Issue.record("\(code): \(response.status)")
            return
        }
        let expected = Shared.dataset.rankingsByTrust[code] ?? []
        #expect(history.rankings.map(\.quarter) == expected.map(\.quarter.label))
        #expect(history.rankings.map(\.leaguePosition) == expected.map { $0.leaguePosition.map(UInt32.init) })
    }

    @Test("list_actions: every trust, its sourced actions first, each with its source", arguments: Shared.trustCodes)
    func actions(code: String) {
        let response = ask(.listActions(ListActionsRequest(odsCode: code)))
        guard case .listActions(let result) = response.result else {
            Issue.record("\(code): \(response.status)")
            return
        }
        #expect(result.trust.odsCode == code)
        let sourced = result.actions.prefix { !$0.derived }
        #expect(sourced.count == Shared.dataset.actions(for: code).count)
        #expect(result.actions.dropFirst(sourced.count).allSatisfy { $0.derived })
        #expect(sourced.allSatisfy { !$0.sourceURL.isEmpty })
    }

    @Test(
        "find_trusts: every open trust's ODS code finds that trust first, as an exact match; a closed one, today's trust",
        arguments: Shared.trustCodes)
    func findByCode(code: String) {
        let response = ask(.findTrusts(FindTrustsRequest(query: code)))
        guard case .findTrusts(let result) = response.result else {
            Issue.record("\(code): \(response.status)")
            return
        }
        let current = Shared.dataset.currentTrusts(for: code)
        // Open, or with no recorded succession (TAF's open status is unknown, but it has one).
        guard Shared.dataset.trust(code)?.isOpen == false || current != [code] else {
            #expect(result.matches.first?.trust.odsCode == code)
            #expect(result.matches.first?.kind == .exact)
            return
        }
        // A closed trust is never the answer (issue 10): its code leads to today's trust,
        // which carries the closed code and, where the records say, what happened to it.
        let first = result.matches.first
        let expectations = {
            #expect(first.map { current.contains($0.trust.odsCode) } == true, "\(code)")
            #expect(first?.formerOdsCode == code, "\(code)")
        }
        if current.allSatisfy({ Shared.dataset.trust($0)?.isOpen != true }) {
            // Known gap, named in the dataset README: the succession records end in a trust that
            // closed too (e.g. Queen Mary's Sidcup -> South London Healthcare, dissolved 2013), or
            // say nothing (NHS Direct, Dudley Integrated Health and Care), so no open trust can be
            // named. withKnownIssue fails if this ever starts to pass, so the gap cannot hide.
            withKnownIssue("\(code): no open successor in the succession records") { expectations() }
        } else {
            expectations()
        }
    }

    @Test(
        "find_trusts: patient queries find the trust they mean first",
        arguments: [
            ("moorfields", "RP6"), ("kings lynn hospital", "RCX"), ("nwas", "RX7"), ("adenbrooks", "RGT"),
            ("mancester royal infirmery", "R0A"),
        ])
    func findByName(query: String, expected: String) {
        guard case .findTrusts(let result) = ask(.findTrusts(FindTrustsRequest(query: query))).result else {
            Issue.record("no result for \(query)")
            return
        }
        #expect(result.matches.first?.trust.odsCode == expected)
        #expect(result.matches.first?.kind != .unspecified)
    }

    @Test(
        "find_trusts: ambiguous queries say so and list several candidates; clear ones don't",
        arguments: [
            ("royal", true), ("st marys", true), ("moorfields", false), ("nwas", false),
        ])
    func ambiguity(query: String, ambiguous: Bool) {
        guard case .findTrusts(let result) = ask(.findTrusts(FindTrustsRequest(query: query))).result else {
            Issue.record("no result for \(query)")
            return
        }
        #expect(result.ambiguous == ambiguous)
        if ambiguous { #expect(result.matches.count > 1) }
    }

    @Test("league_table: every published table, whole, in league order both ways", arguments: quarterTables)
    func leagueTable(quarterTable: QuarterTable) {
        let rows = Shared.dataset.rankingsByQuarterTable[quarterTable] ?? []
        let request = LeagueTableRequest.with {
            $0.table = quarterTable.table == .acute ? .acute : quarterTable.table == .nonAcute ? .nonAcute : .ambulance
            $0.quarter = quarterTable.quarter.label
            $0.limit = UInt32(LeagueTableQuery.maxLimit)
        }
        guard case .leagueTable(let ascending) = ask(.leagueTable(request)).result else {
            Issue.record("no table for \(quarterTable)")
            return
        }
        #expect(ascending.quarter == quarterTable.quarter.label)
        #expect(Int(ascending.totalMatching) == rows.count)
        #expect(ascending.rows.map(\.trust.odsCode) == rows.prefix(LeagueTableQuery.maxLimit).map(\.odsCode))
        #expect(ascending.coverage?.tableSize == rows.first.map { UInt32($0.tableSize) })
        var reversed = request
        reversed.descending = true
        guard case .leagueTable(let descending) = ask(.leagueTable(reversed)).result else {
            Issue.record("no descending table for \(quarterTable)")
            return
        }
        let positions = descending.rows.compactMap(\.ranking.leaguePosition)
        #expect(positions == positions.sorted(by: >))
    }

    @Test(
        "nearest: every postcode district with a location gets five ranked trusts, closest first, with the core's caveats"
    )
    func nearestEveryDistrict() {
        for district in Shared.dataset.postcodeDistricts {
            let response = ask(.nearest(.with { $0.postcode = district.code }))
            if Postcode(district.code) == nil {
                // A district the data lists but no postcode parses to (the legacy "NPT"):
                // refused as not a postcode, never answered from a guess.
                #expect(response.status.code == .invalidArgument, "\(district.code)")
                continue
            }
            if district.latitude == nil || district.longitude == nil {
                // Non-geographic and Crown Dependency districts: nowhere to measure from.
                #expect(response.status.code == .notFound, "\(district.code)")
                continue
            }
            guard case .nearest(let result) = response.result else {
                Issue.record("\(district.code): \(response.status)")
                continue
            }
            #expect(result.location.precision == .postcodeDistrict, "\(district.code)")
            #expect(result.trusts.count == GeoIndex.defaultLimit, "\(district.code)")
            #expect(
                result.trusts.allSatisfy { $0.trust.latest != nil && !$0.site.name.isEmpty },
                "\(district.code)")
            let distances = result.trusts.map(\.distanceKm)
            #expect(distances == distances.sorted(), "\(district.code)")
            #expect(result.caveats.last == NearestTrustSearch.distanceCaveat)
        }
    }

    @Test(
        "nearest: a Welsh, Scottish or Northern Irish postcode gets English trusts and the England-only caveat",
        arguments: [("CF10 1EP", "Wales"), ("EH1 1YZ", "Scotland"), ("BT1 5GS", "Northern Ireland")])
    func outsideEngland(postcode: String, country: String) {
        guard case .nearest(let result) = ask(.nearest(.with { $0.postcode = postcode })).result else {
            Issue.record("no answer for \(postcode)")
            return
        }
        #expect(result.location.country == country)
        #expect(!result.trusts.isEmpty)
        #expect(result.caveats.contains { $0.contains("England only") })
    }

    @Test("server_info: counts, coverage and attribution come from the snapshot")
    func serverInfo() {
        guard case .serverInfo(let info) = ask(.serverInfo).result else {
            Issue.record("no server_info result")
            return
        }
        #expect(info.dataVersion == Shared.snapshot.version)
        #expect(Int(info.trusts) == Shared.dataset.trusts.count)
        #expect(Int(info.sites) == Shared.dataset.sites.count)
        #expect(info.coverage.count == Shared.dataset.coverage.count)
        #expect(info.latestQuarter == Shared.dataset.latestQuarter?.label)
        #expect(info.attribution == Dataset.attribution)
    }
}
