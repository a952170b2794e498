import Foundation
import LeagueCore
import LeagueWire

// trust_metrics, metric_table, list_metrics, and the metric highlights of get_trust.
extension LeagueService {
    func trustMetrics(_ request: TrustMetricsRequest, snapshot: LeagueSnapshot) throws -> TrustMetricsResult {
        let view = try snapshot.metrics.trustMetrics(request.odsCode, quarter: try Self.quarter(request.quarter))
        var wire = TrustMetricsResult()
        wire.trust = WireMapping.trust(snapshot.queries.summary(of: view.trust))
        wire.quarter = view.quarter.label
        wire.table = WireMapping.table(view.table)
        wire.quarterDefaulted = view.quarterWasDefaulted
        wire.note = view.note ?? ""
        wire.domains = view.groups.map { g in
            var d = MetricDomain()
            d.key = g.domainKey
            d.name = g.domainName
            d.metrics = g.readings.map { MetricWireMapping.result($0, withInfo: true, domains: snapshot.dataset) }
            return d
        }
        wire.availableQuarters = view.availableQuarters.map(\.label)
        wire.sourceLine = view.sourceLine
        wire.provenance = view.provenance
        wire.caveats = view.caveats
        return wire
    }

    func metricTable(_ request: MetricTableRequest, snapshot: LeagueSnapshot) throws -> MetricTableResult {
        let table = try Self.optionalTable(request.table)
        let page = try snapshot.metrics.metricTable(
            MetricTableQuery(
                metric: request.metric, quarter: try Self.quarter(request.quarter), table: table,
                region: request.region.isEmpty ? nil : request.region, worstFirst: request.worstFirst,
                offset: Int(request.offset), limit: Int(request.limit)))
        var wire = MetricTableResult()
        wire.metric = MetricWireMapping.info(page.definition, domains: snapshot.dataset)
        wire.quarter = page.quarter.label
        wire.table = WireMapping.table(page.table)
        wire.totalMatching = UInt32(page.totalMatching)
        wire.rows = page.rows.map { row in
            var r = MetricLeagueRow()
            r.odsCode = row.trust.odsCode
            r.trustName = row.trust.displayName
            r.region = row.region ?? ""
            r.result = MetricWireMapping.result(row.reading, withInfo: false, domains: snapshot.dataset)
            return r
        }
        wire.median = page.median
        wire.lowerQuartile = page.lowerQuartile
        wire.upperQuartile = page.upperQuartile
        var counts = MetricRankCounts()
        counts.tableSize = UInt32(page.ranks.tableSize)
        counts.withRow = UInt32(page.ranks.withRow)
        counts.ranked = UInt32(page.ranks.ranked)
        counts.unique = UInt32(page.ranks.unique)
        counts.tiesShared = UInt32(page.ranks.tiesShared)
        counts.tiesSplit = UInt32(page.ranks.tiesSplit)
        counts.unranked = UInt32(page.ranks.unranked)
        counts.blankCodes = page.ranks.blankCodes
        counts.summary = page.ranks.text
        wire.ranks = counts
        wire.otherMatches = page.otherMatches
        wire.sourceLine = page.sourceLine
        wire.provenance = page.provenance
        wire.caveats = page.caveats
        return wire
    }

    func listMetrics(_ request: ListMetricsRequest, snapshot: LeagueSnapshot) throws -> ListMetricsResult {
        let table = try Self.optionalTable(request.table)
        var wire = ListMetricsResult()
        wire.metrics = try snapshot.metrics.listMetrics(table: table, quarter: try Self.quarter(request.quarter))
            .map { MetricWireMapping.info($0, domains: snapshot.dataset) }
        return wire
    }

    /// The trust's strongest and weakest metrics, for get_trust.
    static func highlights(_ odsCode: String, snapshot: LeagueSnapshot) -> MetricStrengths? {
        guard let h = snapshot.metrics.highlights(odsCode) else { return nil }
        var wire = MetricStrengths()
        wire.quarter = h.quarter.label
        // Brief catalogue entries keep get_trust small; trust_metrics carries the full ones.
        wire.strongest = h.strongest.map {
            MetricWireMapping.result($0, withInfo: true, brief: true, domains: snapshot.dataset)
        }
        wire.weakest = h.weakest.map {
            MetricWireMapping.result($0, withInfo: true, brief: true, domains: snapshot.dataset)
        }
        wire.sourceLine = MetricQueries.sourceLine(h.quarter)
        return wire
    }

    /// Unset -> nil (any table); otherwise one of the three tables.
    static func optionalTable(_ kind: LeagueTableKind) throws -> TableKind? {
        guard kind != .unspecified else { return nil }
        guard let t = WireMapping.tableKind(kind) else {
            throw QueryError(.invalidArgument, "table must be TABLE_ACUTE, TABLE_NON_ACUTE, TABLE_AMBULANCE or unset")
        }
        return t
    }

    /// "" -> nil; anything else must be a quarter label.
    static func quarter(_ text: String) throws -> Quarter? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        guard let q = Quarter(parsing: t) else {
            throw QueryError(.invalidArgument, "quarter \"\(t.prefix(40))\" is not like \"Q1 2026/27\"")
        }
        return q
    }
}
