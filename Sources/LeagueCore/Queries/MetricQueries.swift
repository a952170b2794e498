/// The metric questions: a trust's metrics, one metric's league, the catalogue.
/// Pure functions over one immutable dataset.
public struct MetricQueries: Sendable {
    public let dataset: Dataset
    public let index: MetricIndex
    let trusts: TrustQueries

    public init(dataset: Dataset, trusts: TrustQueries) {
        self.dataset = dataset
        self.index = MetricIndex(store: dataset.metrics)
        self.trusts = trusts
    }

    var store: MetricStore { dataset.metrics }

    /// One line for patients: publisher, publication, quarter.
    public static func sourceLine(_ quarter: Quarter) -> String {
        "NHS England, NHS Oversight Framework trust data, \(quarter.label)"
    }

    func framework(_ q: Quarter) -> String { dataset.quarterInfo(q)?.domainSet ?? q.fiscalYear }

    func definition(_ id: String, _ q: Quarter) -> MetricDefinition? {
        store.definitionsByKey[MetricKey(framework: framework(q), id: id)]
    }

    // MARK: readings

    func reading(_ v: MetricValue) -> MetricReading? {
        guard let def = definition(v.metricID, v.quarter) else { return nil }
        return MetricReading(
            definition: def, value: v,
            standing: MetricStanding(
                value: v.value, median: v.median, lower: v.lowerQuartile, upper: v.upperQuartile,
                direction: def.direction),
            change: change(v, def))
    }

    /// Change since the previous published quarter, carried across the framework change only
    /// where the 2026/27 metric continues a 2025/26 one.
    func change(_ v: MetricValue, _ def: MetricDefinition) -> MetricChange? {
        guard let i = dataset.quarters.firstIndex(where: { $0.quarter == v.quarter }), i > 0 else { return nil }
        let prevQ = dataset.quarters[i - 1]
        let prevID: String
        if prevQ.domainSet == framework(v.quarter) {
            prevID = v.metricID
        } else if let c = def.continuesMetricID {
            prevID = c
        } else {
            return nil
        }
        guard let prev = store.values(ofTrust: v.odsCode).value(quarter: prevQ.quarter, metricID: prevID)
        else { return nil }
        var delta = v.value.flatMap { a in prev.value.map { a - $0 } }
        if def.kind == .scoreOnly, let a = v.metricScore, let b = prev.metricScore { delta = a - b }
        var improved: Bool?
        if let d = def.direction, let a = v.value, let b = prev.value, a != b { improved = d.isBetter(a, than: b) }
        if def.kind == .scoreOnly, let a = v.metricScore, let b = prev.metricScore, a != b { improved = a < b }
        return MetricChange(
            previousQuarter: prevQ.quarter, previousMetricID: prevID, previousValue: prev.value,
            previousRank: prev.rank,
            previousRankedCount: prev.rankedCount, previousMetricScore: prev.metricScore, delta: delta,
            improved: improved)
    }

    func caveats(_ defs: [MetricDefinition], _ q: Quarter) -> [String] {
        var out: [String] = []
        for d in defs { if let n = d.unitsNote { out.append("\(d.name) (\(d.id)): \(n)") } }
        if let note = dataset.quarterInfo(q)?.note, note.contains("discrepancies") {
            out.append(
                "NHS England's East of England region agreed to review 'discrepancies' in the \(q.label) ranking data (reported in board papers)"
            )
        }
        return out
    }

    // MARK: trust_metrics

    /// Every metric of a trust in `quarter` (nil = the latest quarter with metric data for it), by domain.
    public func trustMetrics(_ odsCode: String, quarter: Quarter? = nil) throws(QueryError) -> TrustMetricsView {
        let trust = try trusts.requireTrust(odsCode)
        let values = store.values(ofTrust: trust.odsCode)
        let available = Array(Set(values.map(\.quarter))).sorted()
        guard let newest = available.last else {
            let tables = trust.nofTable.map { " (\($0.displayName))" } ?? ""
            throw QueryError(
                .failedPrecondition,
                "no published metrics for \(trust.displayName) (\(trust.odsCode))\(tables); "
                    + "metrics cover trusts ranked in \(coverageText())")
        }
        let q = quarter ?? newest
        guard available.contains(q) else {
            throw QueryError(
                .failedPrecondition,
                "no metrics for \(trust.displayName) in \(q.label); quarters with metrics: "
                    + available.map(\.label).joined(separator: ", "))
        }
        let rows = values.filter { $0.quarter == q }
        let table = rows[0].table
        var note: String?
        if let latest = dataset.latestQuarter?.quarter, q < latest, quarter == nil {
            note =
                "Metrics for \(table.displayName) stop at \(q.label) in this data; \(latest.label) metrics are published for acute trusts only here."
        }
        let readings = rows.compactMap(reading)
        let groups = groupByDomain(readings, q)
        let defs = readings.map(\.definition)
        var provenance = Array(Set(defs.map(\.source))).sorted()
        if let info = dataset.quarterInfo(q) { provenance.append("quarter: " + info.source) }
        return TrustMetricsView(
            trust: trust, quarter: q, table: table, quarterWasDefaulted: quarter == nil, note: note, groups: groups,
            availableQuarters: available, sourceLine: Self.sourceLine(q), provenance: provenance,
            caveats: caveats(defs, q))
    }

    func groupByDomain(_ readings: [MetricReading], _ q: Quarter) -> [MetricDomainGroup] {
        let defs = dataset.domainDefinitions(domainSet: framework(q))
        var groups: [MetricDomainGroup] = []
        for d in defs {
            let rs = readings.filter { $0.definition.domainKey == d.key }
            if !rs.isEmpty { groups.append(MetricDomainGroup(domainKey: d.key, domainName: d.name, readings: rs)) }
        }
        return groups
    }

    func coverageText() -> String {
        var byTable: [TableKind: Set<Quarter>] = [:]
        for k in store.blocks.keys { byTable[k.table, default: []].insert(k.quarter) }
        return TableKind.allCases.compactMap { t in
            guard let qs = byTable[t]?.sorted(), let f = qs.first, let l = qs.last else { return nil }
            return "\(t.displayName) \(f.label) to \(l.label)"
        }.joined(separator: ", ")
    }

    // MARK: highlights (for `rank`)

    /// The trust's three strongest and three weakest metrics in its latest quarter with metric data:
    /// by metric score (1 best, 4 worst), ties by the share of ranked trusts ahead of it.
    public func highlights(_ odsCode: String, count: Int = 3) -> MetricHighlights? {
        guard let view = try? trustMetrics(odsCode) else { return nil }
        let scored = view.groups.flatMap(\.readings).filter { $0.value.metricScore != nil }
        guard !scored.isEmpty else { return nil }
        func share(_ r: MetricReading) -> Double {
            guard let rank = r.value.rank, let n = r.value.rankedCount, n > 0 else { return 0.5 }
            return Double(rank) / Double(n)
        }
        let sorted = scored.sorted {
            ($0.value.metricScore!, share($0), $0.definition.id) < ($1.value.metricScore!, share($1), $1.definition.id)
        }
        let strongest = Array(sorted.prefix(count))
        let rest = sorted.dropFirst(strongest.count)
        let weakest = Array(rest.reversed().prefix(count)).filter {
            $0.value.metricScore! > strongest.last!.value.metricScore! || rest.count >= count
        }
        return MetricHighlights(quarter: view.quarter, strongest: strongest, weakest: weakest)
    }

    // MARK: resolving a metric

    /// Metric ids for the text, best first; NOT_FOUND with suggestions when nothing matches completely.
    public func resolve(_ text: String) throws(QueryError) -> [String] {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else {
            throw QueryError(
                .invalidArgument, "metric is empty: give a metric id such as OF0013 or words such as \"a&e 4 hour\"")
        }
        guard t.count <= 200 else {
            throw QueryError(.invalidArgument, "metric text is too long (at most 200 characters)")
        }
        let hits = index.search(t)
        let complete = hits.filter(\.isComplete)
        guard let best = complete.first else {
            let s = index.suggestions(t)
            throw QueryError(
                .notFound,
                "no metric matches \"\(t.prefix(60))\""
                    + (s.isEmpty
                        ? "; no metric has a similar name (the catalogue lists them all)"
                        : "; did you mean: " + s.joined(separator: "; ")))
        }
        return [best.id] + complete.dropFirst().filter { $0.score >= best.score }.map(\.id)
    }

    // MARK: metric_table

    public static let defaultLimit = 20
    public static let maxLimit = 200

    public func metricTable(_ query: MetricTableQuery) throws(QueryError) -> MetricTablePage {
        guard query.limit >= 0, query.limit <= Self.maxLimit else {
            throw QueryError(
                .invalidArgument, "limit must be 1 to \(Self.maxLimit) (0 for the default \(Self.defaultLimit))")
        }
        guard query.offset >= 0 else { throw QueryError(.invalidArgument, "offset must not be negative") }
        let ids = try resolve(query.metric)
        let id = ids[0]
        let blocks = store.blocks.keys.filter { $0.metricID == id }
        let name = store.definitions.last { $0.id == id }?.name ?? id
        var candidates = blocks
        if let t = query.table { candidates = candidates.filter { $0.table == t } }
        if let q = query.quarter { candidates = candidates.filter { $0.quarter == q } }
        guard let key = candidates.max(by: { ($0.quarter, -$0.table.sortIndex) < ($1.quarter, -$1.table.sortIndex) })
        else {
            let have = Dictionary(grouping: blocks, by: \.table).sorted { $0.key < $1.key }.map { t, ks in
                "\(t.rawValue) " + ks.map(\.quarter).sorted().map(\.label).joined(separator: ", ")
            }
            var asked: [String] = []
            if let t = query.table { asked.append("the \(t.rawValue) table") }
            if let q = query.quarter { asked.append(q.label) }
            throw QueryError(
                .failedPrecondition,
                "\(name) (\(id)) is not published for \(asked.joined(separator: " in ")); it is published for: "
                    + have.joined(separator: "; "))
        }
        guard let def = definition(id, key.quarter) else {
            throw QueryError(.notFound, "no catalogue entry for \(id) in \(key.quarter.label)")
        }
        let all = store.block(key)
        let rankings = dataset.table(key.table, quarter: key.quarter)
        var regionOf: [String: String] = [:]
        for r in rankings { if let region = r.nhsRegion { regionOf[r.odsCode] = region } }
        var rows = all
        if let region = query.region?.trimmingCharacters(in: .whitespaces), !region.isEmpty {
            let wanted = TrustQueries.regionKey(region)
            let known = Set(rankings.compactMap(\.nhsRegion))
            guard known.contains(where: { TrustQueries.regionKey($0) == wanted }) else {
                throw QueryError(
                    .invalidArgument,
                    "unknown NHS region \"\(region)\"; regions: \(known.sorted().joined(separator: ", "))")
            }
            rows = rows.filter { regionOf[$0.odsCode].map(TrustQueries.regionKey) == wanted }
        }
        if query.worstFirst {
            let ranked = rows.filter { $0.rank != nil }, unranked = rows.filter { $0.rank == nil }
            rows = ranked.reversed() + unranked
        }
        let limit = query.limit == 0 ? Self.defaultLimit : query.limit
        let page = rows.dropFirst(query.offset).prefix(limit).compactMap { v -> MetricTableRow? in
            guard let trust = dataset.trust(v.odsCode), let r = reading(v) else { return nil }
            return MetricTableRow(trust: trust, region: regionOf[v.odsCode], reading: r)
        }
        let withRow = Set(all.map(\.odsCode))
        let first = all.first
        let ranks = MetricRankSummary(
            tableSize: rankings.count, withRow: all.count, ranked: all.filter { $0.rank != nil }.count,
            unique: all.filter { $0.rankCheck == .unique }.count,
            tiesShared: all.filter { $0.rankCheck == .tieShared }.count,
            tiesSplit: all.filter { $0.rankCheck == .tieSplit }.count,
            blankCodes: rankings.map(\.odsCode).filter { !withRow.contains($0) }.sorted(),
            unranked: all.filter { $0.rank == nil }.count)
        var provenance = [def.source]
        if let info = dataset.quarterInfo(key.quarter) { provenance.append("quarter: " + info.source) }
        let others = ids.dropFirst().compactMap { o in store.definitions.last { $0.id == o }.map { "\($0.name) (\(o))" }
        }
        return MetricTablePage(
            definition: def, quarter: key.quarter, table: key.table, totalMatching: rows.count, rows: page,
            median: first?.median, lowerQuartile: first?.lowerQuartile, upperQuartile: first?.upperQuartile,
            ranks: ranks,
            otherMatches: others, sourceLine: Self.sourceLine(key.quarter), provenance: provenance,
            caveats: caveats([def], key.quarter))
    }

    // MARK: list_metrics

    /// The catalogue, optionally only what a table and/or quarter publishes.
    public func listMetrics(table: TableKind? = nil, quarter: Quarter? = nil) throws(QueryError) -> [MetricDefinition] {
        if let q = quarter, dataset.quarterInfo(q) == nil {
            throw QueryError(
                .notFound,
                "no quarter \(q.label) in this dataset; quarters: "
                    + dataset.quarters.map(\.label).joined(separator: ", "))
        }
        let list = store.definitions.filter { d in
            (table.map { d.tables.contains($0) } ?? true) && (quarter.map { d.quarters.contains($0) } ?? true)
                && (table == nil || quarter == nil || !store.block(MetricBlockKey(quarter!, table!, d.id)).isEmpty)
        }
        if list.isEmpty, let t = table, let q = quarter {
            throw QueryError(
                .failedPrecondition, "no \(t.rawValue) metrics for \(q.label); metrics cover \(coverageText())")
        }
        return list
    }
}
