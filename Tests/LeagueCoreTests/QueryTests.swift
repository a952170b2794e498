import LeagueCore
import LeagueData
import Testing

/// The embedded dataset, loaded once (immutable).
let embeddedSnapshot: LeagueSnapshot = {
    do { return try LeagueSnapshot.load(from: EmbeddedDataset.directory) } catch {
        fatalError("embedded dataset must load: \(error)")
    }
}()

@Suite("Trust detail, history and movement")
struct TrustQueryTests {
    let queries = embeddedSnapshot.queries

    @Test("Moorfields' real series: 1st, 3rd, 6th, 6th, 4th with the movement between")
    func moorfieldsHistory() throws {
        let history = try queries.history("rp6")
        let positions = history.rankings.map(\.record.leaguePosition)
        #expect(positions == [1, 3, 6, 6, 4])
        #expect(
            history.rankings.map(\.record.quarter.label) == [
                "Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "Q4 2025/26", "Q1 2026/27",
            ])
        #expect(history.rankings[0].movement == nil)
        #expect(history.rankings.dropFirst().map { $0.movement?.positionsUp } == [-2, -3, 0, 2])
        #expect(history.rankings[4].movement?.summary.hasPrefix("up 2 places since Q4 2025/26") == true)
        // The 2026/27 framework has six domains; the change is called out.
        #expect(history.rankings[4].domains.count == 6)
        #expect(history.rankings[4].caveats.contains { $0.contains("framework changed") })
    }

    @Test("get_trust's latest ranking is the newest quarter, with domains named")
    func latestWithDomains() throws {
        let detail = try queries.detail("RP6")
        let latest = try #require(detail.summary.latest)
        #expect(latest.record.quarter.label == "Q1 2026/27")
        #expect(latest.record.tableSize == 134)
        #expect(latest.domains.allSatisfy { $0.definition != nil && !$0.name.isEmpty })
        #expect(latest.segmentMeaning == SegmentText.meaning(1))
    }

    @Test("a merged trust answers with its last ranked quarter and names the successor")
    func mergedTrustNote() throws {
        let summary = try queries.detail("RNK").summary
        #expect(summary.latest?.record.quarter.label == "Q4 2025/26")
        #expect(summary.latestNote?.contains("G6V2S") == true)
        #expect(summary.successorCodes == ["G6V2S"])
    }

    @Test("bad and unknown codes", arguments: ["", "  ", "R P6", "RP6; drop"])
    func badCodes(code: String) {
        #expect(throws: QueryError.self) { try queries.detail(code) }
    }

    @Test("unknown code is NOT_FOUND")
    func unknownCode() {
        #expect(throws: QueryError(.notFound, "no NHS trust has the ODS code ZZZ; search by name instead")) {
            try queries.detail("zzz")
        }
    }
}

@Suite("Segment gap (derived)")
struct SegmentGapTests {
    @Test("a segment-4 trust's gap is measured to the worst score in segment 3 of the same table")
    func gapIsDerivedFromTheSameTable() throws {
        let dataset = embeddedSnapshot.dataset
        let explainer = RankingExplainer(dataset: dataset)
        let quarter = try #require(Quarter(parsing: "Q1 2026/27"))
        let table = dataset.table(.acute, quarter: quarter)
        let worstInThree = try #require(table.filter { $0.segment == 3 }.compactMap(\.averageMetricScore).max())
        for record in table where record.segment == 4 {
            let gap = try #require(explainer.gapToNextSegment(record))
            #expect(gap.targetSegment == 3)
            #expect(gap.thresholdScore == worstInThree)
            #expect(abs(gap.scoreGap - (record.averageMetricScore! - worstInThree)) < 1e-9)
        }
        // Segment 1 has nowhere to go.
        for record in table where record.segment == 1 { #expect(explainer.gapToNextSegment(record) == nil) }
    }
}

@Suite("League tables")
struct LeagueTableTests {
    let queries = embeddedSnapshot.queries

    @Test("default: latest quarter, best first, 20 rows, coverage of the whole table")
    func defaults() throws {
        let page = try queries.leagueTable(LeagueTableQuery(table: .acute))
        #expect(page.quarter.label == "Q1 2026/27")
        #expect(page.rows.count == 20)
        #expect(page.totalMatching == 134)
        #expect(page.rows.first?.ranking.record.leaguePosition == 1)
        #expect(page.coverage?.tableSize == 134)
        let positions = page.rows.compactMap(\.ranking.record.leaguePosition)
        #expect(positions == positions.sorted())
    }

    @Test("descending puts the bottom first")
    func bottom() throws {
        let page = try queries.leagueTable(LeagueTableQuery(table: .acute, descending: true, limit: 5))
        let positions = page.rows.compactMap(\.ranking.record.leaguePosition)
        #expect(positions == positions.sorted(by: >))
        #expect(positions.first == 134 || page.rows.first?.ranking.record.isJointPosition == true)
    }

    @Test("segment filter", arguments: [1, 2, 3, 4])
    func segment(segment: Int) throws {
        let page = try queries.leagueTable(LeagueTableQuery(table: .acute, segment: segment, limit: 200))
        #expect(!page.rows.isEmpty)
        #expect(page.rows.allSatisfy { $0.ranking.record.segment == segment })
        #expect(page.totalMatching == page.rows.count)
    }

    @Test(
        "region filter is case-insensitive and exact", arguments: ["London", "north west", "NORTH EAST AND YORKSHIRE"])
    func region(region: String) throws {
        let page = try queries.leagueTable(LeagueTableQuery(table: .acute, region: region, limit: 200))
        #expect(!page.rows.isEmpty)
        #expect(page.rows.allSatisfy { $0.ranking.record.nhsRegion?.lowercased() == region.lowercased() })
    }

    @Test("paging with offset covers the table without overlap")
    func paging() throws {
        var seen: [String] = []
        for offset in stride(from: 0, to: 61, by: 25) {
            let page = try queries.leagueTable(
                LeagueTableQuery(
                    table: .nonAcute, quarter: Quarter(parsing: "Q4 2025/26"), offset: offset, limit: 25))
            seen += page.rows.map(\.summary.trust.odsCode)
        }
        #expect(seen.count == 61)
        #expect(Set(seen).count == 61)
    }

    @Test("older quarters and the ambulance table")
    func olderQuarter() throws {
        let page = try queries.leagueTable(LeagueTableQuery(table: .ambulance, quarter: Quarter(parsing: "Q1 2025/26")))
        #expect(page.totalMatching == 10)
        #expect(page.availableQuarters.count == 5)
    }

    @Test("invalid filters are INVALID_ARGUMENT or NOT_FOUND")
    func invalid() {
        #expect(throws: QueryError.self) { try queries.leagueTable(LeagueTableQuery(table: .acute, segment: 9)) }
        #expect(throws: QueryError.self) { try queries.leagueTable(LeagueTableQuery(table: .acute, limit: 201)) }
        #expect(throws: QueryError.self) {
            try queries.leagueTable(LeagueTableQuery(table: .acute, region: "Atlantis"))
        }
        #expect(throws: QueryError.self) {
            try queries.leagueTable(LeagueTableQuery(table: .acute, quarter: Quarter(parsing: "Q3 2024/25")))
        }
    }
}

@Suite("Improvement actions")
struct ActionQueryTests {
    let queries = embeddedSnapshot.queries

    @Test("King's Lynn (RCX): sourced actions newest first, each with a source URL")
    func kingsLynn() throws {
        let answer = try queries.actions("RCX")
        let curated = answer.actions.filter { !$0.derived }
        #expect(curated.count >= 5)
        #expect(curated.allSatisfy { ($0.sourceURL ?? "").hasPrefix("http") })
        let dates = curated.compactMap(\.date)
        #expect(dates == dates.sorted(by: >))
        #expect(answer.actions.contains { $0.derived && $0.title.contains("Weakest domain") })
    }

    @Test("a trust with no recorded actions says so, with what its segment implies")
    func noActions() throws {
        let answer = try queries.actions("RP6")
        #expect(answer.actions.allSatisfy { $0.derived })
        #expect(answer.text.contains("No improvement actions are recorded"))
    }

    @Test("a trust flagged in the Recovery Support Programme gets the derived pointer")
    func recoverySupport() throws {
        let answer = try queries.actions("RYE")
        #expect(answer.actions.contains { $0.derived && $0.title.contains("Recovery Support Programme") })
    }
}
