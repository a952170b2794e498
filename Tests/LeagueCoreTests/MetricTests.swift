import LeagueCore
import LeagueData
import Testing

/// Every (quarter, table, metric) block in the embedded data.
let allMetricBlocks: [MetricBlockKey] = embeddedSnapshot.dataset.metrics.blockKeys

@Suite("Metrics: published ranks reproduce from the values, for every block")
struct MetricRankReproductionTests {
    let metrics = embeddedSnapshot.metrics
    let dataset = embeddedSnapshot.dataset

    @Test("metric_table reproduces the published ranks (ties and blanks explained)", arguments: allMetricBlocks)
    func reproduces(block: MetricBlockKey) throws {
        let page = try metrics.metricTable(
            MetricTableQuery(
                metric: block.metricID, quarter: block.quarter, table: block.table, limit: MetricQueries.maxLimit))
        #expect(page.quarter == block.quarter && page.table == block.table && page.definition.id == block.metricID)
        let rows = page.rows.map(\.reading.value)
        #expect(rows.count == page.totalMatching, "one page holds the whole block")
        let ranked = rows.filter { $0.rank != nil }
        let values = ranked.compactMap(\.value)
        #expect(values.count == ranked.count, "every ranked row has a value")
        // Each published rank lies in the places its published value allows.
        for row in ranked {
            let places = MetricRankDerivation.allowedPlaces(
                of: row.value!, among: values, direction: page.definition.direction)
            #expect(places.contains(row.rank!), "\(row.odsCode): rank \(row.rank!) outside \(places)")
            #expect(row.rankedCount == ranked.count)
            let expected: RankCheck =
                places.count == 1
                ? .unique
                : (ranked.filter { $0.value == row.value }.allSatisfy { $0.rank == row.rank } ? .tieShared : .tieSplit)
            #expect(row.rankCheck == expected, "\(row.odsCode)")
        }
        // Best first: ranks never go down the page; unranked rows come last.
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.rank! <= $1.rank! })
        #expect(rows.drop { $0.rank != nil }.allSatisfy { $0.rank == nil })
        // Ties and blanks are counted and add up.
        let r = page.ranks
        #expect(r.unique + r.tiesShared + r.tiesSplit == r.ranked)
        #expect(r.ranked == ranked.count && r.withRow == rows.count)
        #expect(r.withRow + r.blankCodes.count == r.tableSize)
        #expect(r.tableSize == dataset.table(block.table, quarter: block.quarter).count)
        #expect(r.unranked == rows.count - ranked.count)
    }

    @Test("totals over the whole population: every published rank re-derives")
    func totals() throws {
        var ranked = 0, unique = 0, shared = 0, split = 0
        for block in allMetricBlocks {
            for v in dataset.metrics.block(block) where v.rank != nil {
                ranked += 1
                switch v.rankCheck {
                case .unique?: unique += 1
                case .tieShared?: shared += 1
                case .tieSplit?: split += 1
                case nil: Issue.record("\(block) \(v.odsCode) has a rank without a check")
                }
            }
        }
        #expect(ranked > 9000)
        #expect(unique + shared + split == ranked)
    }
}

@Suite("Metrics: direction")
struct MetricDirectionTests {
    let dataset = embeddedSnapshot.dataset

    @Test("the catalogue's direction agrees with the value order of every ranked block", arguments: allMetricBlocks)
    func directionAgrees(block: MetricBlockKey) throws {
        let framework = try #require(dataset.quarterInfo(block.quarter)?.domainSet)
        let def = try #require(dataset.metrics.definitionsByKey[MetricKey(framework: framework, id: block.metricID)])
        let ranked = dataset.metrics.block(block).compactMap { v in
            v.rank.flatMap { r in v.value.map { (rank: r, value: $0) } }
        }
        guard !ranked.isEmpty else {
            #expect(def.kind == .scoreOnly || dataset.metrics.block(block).allSatisfy { $0.rank == nil })
            return
        }
        let shown = try MetricRankDerivation.direction(of: ranked).get()
        if let shown { #expect(shown == def.direction) }
    }

    @Test("A&E 4 hours: higher is better; over 12 hours in A&E and Category 2 response: lower is better")
    func knownDirections() throws {
        let d = dataset.metrics.definitionsByKey
        #expect(d[MetricKey(framework: "2025/26", id: "OF0013")]?.direction == .higherIsBetter)
        #expect(d[MetricKey(framework: "2025/26", id: "OF0014")]?.direction == .lowerIsBetter)
        #expect(d[MetricKey(framework: "2025/26", id: "OF0017")]?.direction == .lowerIsBetter)
        // One ranked trust in 2026/27: the direction comes from the 2025/26 metric it continues.
        #expect(d[MetricKey(framework: "2026/27", id: "OF0017")]?.direction == .lowerIsBetter)
    }

    @Test("every catalogue entry has a plain-English name and explanation, a known domain and covered quarters")
    func catalogue() throws {
        for def in dataset.metrics.definitions {
            #expect(
                !def.name.isEmpty && !def.explanation.isEmpty
                    && def.name != def.descriptionAsPublished.trimmingCharacters(in: .whitespaces))
            #expect(dataset.domains.contains { $0.domainSet == def.framework && $0.key == def.domainKey })
            #expect(!def.quarters.isEmpty && !def.tables.isEmpty)
        }
        // The suspicious 2026/27 unit labels carry a note.
        #expect(
            dataset.metrics.definitionsByKey[MetricKey(framework: "2026/27", id: "OF0023")]?.unitsNote?.contains(
                "looks wrong") == true)
    }
}

@Suite("Metrics: queries")
struct MetricQueryTests {
    let metrics = embeddedSnapshot.metrics
    let dataset = embeddedSnapshot.dataset

    /// Every trust that has metric data.
    static let trustsWithMetrics: [String] = embeddedSnapshot.dataset.metrics.valuesByTrust.keys.sorted()

    @Test(
        "trust_metrics defaults to the trust's latest quarter with metric data, grouped by domain",
        arguments: trustsWithMetrics)
    func trustMetrics(code: String) throws {
        let view = try metrics.trustMetrics(code)
        let quarters = Set(dataset.metrics.valuesByTrust[code]!.map(\.quarter))
        #expect(view.quarter == quarters.max())
        #expect(view.quarterWasDefaulted)
        #expect(view.sourceLine == "NHS England, NHS Oversight Framework trust data, \(view.quarter.label)")
        let order = dataset.domainDefinitions(domainSet: dataset.quarterInfo(view.quarter)!.domainSet).map(\.key)
        #expect(view.groups.map(\.domainKey) == order.filter { k in view.groups.contains { $0.domainKey == k } })
        let readings = view.groups.flatMap(\.readings)
        #expect(readings.count == dataset.metrics.valuesByTrust[code]!.filter { $0.quarter == view.quarter }.count)
        for group in view.groups { #expect(group.readings.allSatisfy { $0.definition.domainKey == group.domainKey }) }
        for r in readings {
            if let rank = r.value.rank { #expect(r.rankText == "rank \(rank) of \(r.value.rankedCount!)") }
            if let c = r.change {
                // Movement crosses the 2026/27 framework change only for a metric that continues one.
                if dataset.quarterInfo(c.previousQuarter)?.domainSet != dataset.quarterInfo(view.quarter)?.domainSet {
                    #expect(r.definition.continuesMetricID == c.previousMetricID)
                } else {
                    #expect(c.previousMetricID == r.definition.id)
                }
            }
        }
        if view.table != .acute { #expect(view.quarter.label == "Q4 2025/26" && view.note != nil) }
    }

    @Test("standing from the quartiles: above the better quartile is 'better than 3 in 4 trusts'")
    func standing() {
        #expect(
            MetricStanding(value: 90, median: 75, lower: 70, upper: 80, direction: .higherIsBetter)
                == .betterThanThreeQuarters)
        #expect(
            MetricStanding(value: 90, median: 75, lower: 70, upper: 80, direction: .lowerIsBetter)
                == .worseThanThreeQuarters)
        #expect(
            MetricStanding(value: 72, median: 75, lower: 70, upper: 80, direction: .higherIsBetter) == .worseThanHalf)
        #expect(MetricStanding(value: 75, median: 75, lower: 70, upper: 80, direction: .lowerIsBetter) == .atMedian)
        #expect(MetricStanding(value: 75, median: 75, lower: 70, upper: 80, direction: nil) == nil)
        #expect(MetricStanding.betterThanThreeQuarters.text == "better than 3 in 4 trusts")
    }

    @Test(
        "metrics named by words",
        arguments: [
            ("a&e 4 hour", "OF0013"), ("A and E four hours", "OF0013"), ("4 hour", "OF0013"),
            ("12 hours in A&E", "OF0014"),
            ("ambulance response", "OF0017"), ("category 2", "OF0017"), ("52 weeks", "OF0003"), ("of0013", "OF0013"),
            ("cancer 62 days", "OF0011"), ("cancer 28 day", "OF0010"), ("mrsa", "OF0020"),
            ("sickness absence", "OF0082"),
        ])
    func byWords(text: String, id: String) throws {
        #expect(try metrics.resolve(text).first == id)
    }

    @Test("'cancer' names a cancer metric and lists the other")
    func cancer() throws {
        let ids = try metrics.resolve("cancer")
        #expect(Set(ids) == ["OF0010", "OF0011"])
    }

    @Test("an unknown metric is NOT_FOUND with the closest names")
    func unknown() {
        #expect { try metrics.metricTable(MetricTableQuery(metric: "canser waits")) } throws: { e in
            guard let e = e as? QueryError else { return false }
            return e.code == .notFound && e.message.contains("did you mean") && e.message.contains("Cancer")
        }
        #expect { try metrics.metricTable(MetricTableQuery(metric: "zzzz qqqq")) } throws: { e in
            (e as? QueryError)?.code == .notFound
        }
    }

    @Test("a metric the table or quarter does not have is FAILED_PRECONDITION naming where it is published")
    func notInTable() {
        #expect { try metrics.metricTable(MetricTableQuery(metric: "OF0013", table: .ambulance)) } throws: { e in
            guard let e = e as? QueryError else { return false }
            return e.code == .failedPrecondition && e.message.contains("acute Q1 2025/26")
        }
        #expect {
            try metrics.metricTable(
                MetricTableQuery(
                    metric: "ambulance response", quarter: Quarter(parsing: "Q1 2026/27"), table: .ambulance))
        } throws: { e in
            guard let e = e as? QueryError else { return false }
            return e.code == .failedPrecondition
                && e.message.contains("ambulance Q1 2025/26, Q2 2025/26, Q3 2025/26, Q4 2025/26")
        }
        #expect { try metrics.trustMetrics("RX9", quarter: Quarter(parsing: "Q1 2026/27")) } throws: { e in
            guard let e = e as? QueryError else { return false }
            return e.code == .failedPrecondition && e.message.contains("Q4 2025/26")
        }
    }

    @Test("metric_table: worst first, region filter, paging")
    func tableOptions() throws {
        let best = try metrics.metricTable(MetricTableQuery(metric: "a&e 4 hour", table: .acute, limit: 200))
        let worst = try metrics.metricTable(
            MetricTableQuery(metric: "a&e 4 hour", table: .acute, worstFirst: true, limit: 10))
        let ranked = best.rows.filter { $0.reading.value.rank != nil }
        #expect(worst.rows.map(\.trust.odsCode) == ranked.reversed().prefix(10).map(\.trust.odsCode))
        #expect(best.quarter == dataset.latestQuarter?.quarter)
        let london = try metrics.metricTable(
            MetricTableQuery(metric: "OF0013", table: .acute, region: "london", limit: 200))
        #expect(!london.rows.isEmpty && london.rows.allSatisfy { $0.region == "London" })
        #expect { try metrics.metricTable(MetricTableQuery(metric: "OF0013", region: "Atlantis")) } throws: {
            ($0 as? QueryError)?.code == .invalidArgument
        }
        let page2 = try metrics.metricTable(MetricTableQuery(metric: "OF0013", table: .acute, offset: 5, limit: 5))
        #expect(page2.rows.map(\.trust.odsCode) == best.rows.dropFirst(5).prefix(5).map(\.trust.odsCode))
    }

    @Test("list_metrics: by table and quarter")
    func list() throws {
        let amb = try metrics.listMetrics(table: .ambulance, quarter: Quarter(parsing: "Q4 2025/26"))
        #expect(amb.contains { $0.id == "OF0017" } && amb.allSatisfy { $0.tables.contains(.ambulance) })
        let all = try metrics.listMetrics()
        #expect(all.count == dataset.metrics.definitions.count)
        #expect { try metrics.listMetrics(table: .ambulance, quarter: Quarter(parsing: "Q1 2026/27")) } throws: {
            ($0 as? QueryError)?.code == .failedPrecondition
        }
    }

    @Test("highlights: three strongest and three weakest by metric score", arguments: trustsWithMetrics)
    func highlights(code: String) throws {
        guard let h = metrics.highlights(code) else { return }
        #expect(h.strongest.count <= 3 && h.weakest.count <= 3 && !h.strongest.isEmpty)
        let worstStrong = h.strongest.map { $0.value.metricScore! }.max()!
        for w in h.weakest { #expect(w.value.metricScore! >= worstStrong) }
        #expect(Set(h.strongest.map(\.definition.id)).isDisjoint(with: h.weakest.map(\.definition.id)))
    }
}

@Suite("Actions: 2026 board-paper summaries")
struct BoardPaperActionTests {
    @Test("every action has a source type; board-paper rows say so in plain words, newest first")
    func sourceTypes() throws {
        let dataset = embeddedSnapshot.dataset
        #expect(dataset.actions.allSatisfy { $0.sourceType != nil })
        #expect(dataset.actions.filter { $0.sourceType == .boardPapersAISummary }.count == 141)
        let answer = try embeddedSnapshot.queries.actions("RJE")
        let curated = answer.actions.filter { !$0.derived }
        #expect(curated.first?.sourceType == .boardPapersAISummary)
        #expect(curated.first?.sourceText?.contains("board papers") == true)
        let dates = curated.compactMap(\.date)
        #expect(dates == dates.sorted(by: >))
    }

    @Test("Q4 2025/26's publication date is known, with its source")
    func published() throws {
        let info = try #require(embeddedSnapshot.dataset.quarterInfo(Quarter(parsing: "Q4 2025/26")!))
        #expect(info.published?.iso == "2026-06-11")
        #expect(info.source.contains("board-paper"))
    }
}

@Suite("Metrics: a trust's value by quarter and metric")
struct TrustMetricValueLookupTests {
    @Test(
        "the binary search finds what a linear scan finds, for every value of every trust, and nothing for absent keys")
    func binarySearchIsTheLinearScan() {
        let store = embeddedSnapshot.dataset.metrics
        var checked = 0
        for (code, values) in store.valuesByTrust {
            for v in values {
                let linear = values.first { $0.quarter == v.quarter && $0.metricID == v.metricID }
                let found = values.value(quarter: v.quarter, metricID: v.metricID)
                #expect(found?.odsCode == code && found?.metricID == linear?.metricID)
                #expect(
                    found?.quarter == linear?.quarter && found?.value == linear?.value && found?.rank == linear?.rank)
                checked += 1
            }
            // keys just outside the list's: before its first id, after its last, and between
            if let first = values.first, let last = values.last {
                #expect(values.value(quarter: first.quarter, metricID: "") == nil)
                #expect(values.value(quarter: last.quarter, metricID: last.metricID + "~") == nil)
                #expect(values.value(quarter: first.quarter, metricID: first.metricID + "0") == nil)
            }
        }
        #expect(checked > 10_000)
        #expect(
            store.values(ofTrust: "NO-SUCH-TRUST").value(quarter: allMetricBlocks[0].quarter, metricID: "OF0013") == nil
        )
    }
}
