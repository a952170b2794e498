/// Where a value stands against the published quartiles of its table.
public enum MetricStanding: String, Sendable, Hashable, Codable {
    case betterThanThreeQuarters = "better_than_3_in_4"
    case betterThanHalf = "better_than_half"
    case atMedian = "at_median"
    case worseThanHalf = "worse_than_half"
    case worseThanThreeQuarters = "worse_than_3_in_4"

    /// Plain words, e.g. "better than 3 in 4 trusts".
    public var text: String {
        switch self {
        case .betterThanThreeQuarters: return "better than 3 in 4 trusts"
        case .betterThanHalf: return "better than half of trusts"
        case .atMedian: return "the same as the middle trust"
        case .worseThanHalf: return "worse than half of trusts"
        case .worseThanThreeQuarters: return "worse than 3 in 4 trusts"
        }
    }

    /// From the published median and quartiles; nil without a direction, value or quartiles.
    public init?(value: Double?, median: Double?, lower: Double?, upper: Double?, direction: MetricDirection?) {
        guard let v = value, let m = median, let lo = lower, let hi = upper, let d = direction else { return nil }
        let best = d == .higherIsBetter ? max(lo, hi) : min(lo, hi)
        let worst = d == .higherIsBetter ? min(lo, hi) : max(lo, hi)
        if v == m {
            self = .atMedian
        } else if d.isBetter(v, than: best) {
            self = .betterThanThreeQuarters
        } else if d.isBetter(v, than: m) {
            self = .betterThanHalf
        } else if d.isBetter(worst, than: v) {
            self = .worseThanThreeQuarters
        } else {
            self = .worseThanHalf
        }
    }
}

/// Movement since the previous quarter (same metric, or the 2025/26 metric a 2026/27 one continues).
public struct MetricChange: Sendable, Hashable {
    public var previousQuarter: Quarter
    public var previousMetricID: String
    public var previousValue: Double?
    public var previousRank: Int?
    public var previousRankedCount: Int?
    /// The previous metric score (1 best, 4 worst).
    public var previousMetricScore: Double? = nil
    /// value - previous value (metric score - previous score for score-only metrics); nil when either is missing.
    public var delta: Double?
    /// True better, false worse, nil unchanged or unknown direction.
    public var improved: Bool?

    /// e.g. "better than in Q4 2025/26 (was 71.2, rank 40 of 120)".
    public var summary: String {
        let how: String
        switch improved {
        case true?: how = "better than in"
        case false?: how = "worse than in"
        case nil: how = delta == 0 ? "the same as in" : "compared with"
        }
        var was: [String] = []
        if let v = previousValue { was.append("was " + MetricReading.format(v)) }
        if let r = previousRank, let n = previousRankedCount { was.append("rank \(r) of \(n)") }
        if previousValue == nil, let s = previousMetricScore { was.append("score was " + MetricReading.format(s)) }
        return "\(how) \(previousQuarter.label)" + (was.isEmpty ? "" : " (" + was.joined(separator: ", ") + ")")
    }
}

/// One trust's result on one metric, explained.
public struct MetricReading: Sendable, Hashable {
    public var definition: MetricDefinition
    public var value: MetricValue
    public var standing: MetricStanding?
    public var change: MetricChange?

    /// "rank 12 of 120", or nil when not ranked.
    public var rankText: String? {
        guard let r = value.rank, let n = value.rankedCount else { return nil }
        return "rank \(r) of \(n)"
    }

    /// Value with units as published, e.g. "75.7%", "30.33 mins"; score-only metrics show their score.
    public var valueText: String {
        guard let text = value.valueText else {
            return value.metricScore.map { "metric score \(MetricReading.format($0)) of 4, where 1 is best" }
                ?? "not published"
        }
        switch value.units ?? "" {
        case "%": return text + "%"
        case "": return text
        case let u: return text + " " + u
        }
    }

    static func format(_ d: Double) -> String {
        d == d.rounded() ? String(Int(d)) : String(d)
    }
}

/// A domain's metrics for one trust.
public struct MetricDomainGroup: Sendable, Hashable {
    public var domainKey: String
    /// Plain-English domain name ("Access to services").
    public var domainName: String
    public var readings: [MetricReading]
}

/// `trust_metrics`: every metric of a trust in one quarter, grouped by domain.
public struct TrustMetricsView: Sendable, Hashable {
    public var trust: TrustRecord
    public var quarter: Quarter
    public var table: TableKind
    /// True when the caller gave no quarter and the latest one with metric data was used.
    public var quarterWasDefaulted: Bool
    /// Why the quarter is older than the newest published one, if it is.
    public var note: String?
    public var groups: [MetricDomainGroup]
    /// Quarters with metric data for this trust, oldest first.
    public var availableQuarters: [Quarter]
    /// One line for patients, e.g. "NHS England, NHS Oversight Framework trust data, Q1 2026/27".
    public var sourceLine: String
    /// Full provenance chain (files, repositories, commits).
    public var provenance: [String]
    /// Caveats: suspicious unit labels, one-source data, discrepancies under review.
    public var caveats: [String]
}

/// The strongest and weakest metrics of a trust in its latest quarter with metric data.
public struct MetricHighlights: Sendable, Hashable {
    public var quarter: Quarter
    /// Best metric scores first (ties: better rank share first).
    public var strongest: [MetricReading]
    /// Worst metric scores first.
    public var weakest: [MetricReading]
}

/// `metric_table`: one metric's league in one quarter and table.
public struct MetricTableQuery: Sendable, Hashable {
    /// Metric id ("OF0013") or words ("a&e 4 hour").
    public var metric: String
    public var quarter: Quarter?
    public var table: TableKind?
    public var region: String?
    /// false = best first; true = worst first (unranked rows stay last).
    public var worstFirst: Bool
    public var offset: Int
    /// 0 = default (20); at most 200.
    public var limit: Int

    public init(
        metric: String, quarter: Quarter? = nil, table: TableKind? = nil, region: String? = nil,
        worstFirst: Bool = false, offset: Int = 0, limit: Int = 0
    ) {
        self.metric = metric
        self.quarter = quarter
        self.table = table
        self.region = region
        self.worstFirst = worstFirst
        self.offset = offset
        self.limit = limit
    }
}

/// One row of a metric league.
public struct MetricTableRow: Sendable, Hashable {
    public var trust: TrustRecord
    public var region: String?
    public var reading: MetricReading
}

/// How a block's published ranks re-derive from its values.
public struct MetricRankSummary: Sendable, Hashable {
    /// Trusts in the league table that quarter.
    public var tableSize: Int
    /// Trusts with a row for the metric.
    public var withRow: Int
    /// Trusts with a published rank.
    public var ranked: Int
    public var unique: Int
    /// Ranks shared by trusts with the same published value.
    public var tiesShared: Int
    /// Equal published (rounded) values ranked apart on the unrounded values.
    public var tiesSplit: Int
    /// Trusts in the table without a row for the metric (no data published for them).
    public var blankCodes: [String]
    /// Rows with a value but no rank (NHS England ranks nobody on some metrics).
    public var unranked: Int

    /// e.g. "121 ranked of 134 trusts: 118 unique, 3 share a rank; 13 have no published data".
    public var text: String {
        var parts = ["\(ranked) ranked of \(tableSize) trusts"]
        var ties: [String] = []
        if tiesShared > 0 { ties.append("\(tiesShared) share a rank with an equal value") }
        if tiesSplit > 0 {
            ties.append("\(tiesSplit) have equal rounded values but different ranks (ranked on unrounded values)")
        }
        if !ties.isEmpty { parts.append(ties.joined(separator: ", ")) }
        if unranked > 0 { parts.append("\(unranked) published without a rank") }
        if !blankCodes.isEmpty { parts.append("\(blankCodes.count) have no published data") }
        return parts.joined(separator: "; ")
    }
}

public struct MetricTablePage: Sendable, Hashable {
    public var definition: MetricDefinition
    public var quarter: Quarter
    public var table: TableKind
    public var totalMatching: Int
    public var rows: [MetricTableRow]
    public var median: Double?
    public var lowerQuartile: Double?
    public var upperQuartile: Double?
    public var ranks: MetricRankSummary
    /// Other metrics the words also matched (when the metric was named by words).
    public var otherMatches: [String]
    public var sourceLine: String
    public var provenance: [String]
    public var caveats: [String]
}
