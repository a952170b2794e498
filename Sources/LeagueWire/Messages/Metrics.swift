/// Swift mirrors of the metric messages in `league.proto` (trust_metrics, metric_table, list_metrics).
/// Named by the generated-code rule: message -> struct of the same name, field -> lowerCamelCase,
/// `<x>_present` oneof -> Optional, enum value -> lowerCamelCase without its prefix.

/// `nhs.league.v1.BetterWhen`: Which way a metric's values are better, as the published ranks show it.
public enum BetterWhen: Int32, Sendable, Hashable, CaseIterable, Encodable {
    case unspecified = 0
    case higher = 1
    case lower = 2

    /// Encoded by name in JSON, e.g. "higher".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(describing: self))
    }
}

/// `nhs.league.v1.QuartileStanding`: Where a value stands against the published quartiles.
public enum QuartileStanding: Int32, Sendable, Hashable, CaseIterable, Encodable {
    case unspecified = 0
    case betterThanThreeQuarters = 1
    case betterThanHalf = 2
    case atMedian = 3
    case worseThanHalf = 4
    case worseThanThreeQuarters = 5

    /// Encoded by name in JSON, e.g. "betterThanThreeQuarters".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(describing: self))
    }
}

/// `nhs.league.v1.RankDerivation`: How a published rank re-derives from the published values.
public enum RankDerivation: Int32, Sendable, Hashable, CaseIterable, Encodable {
    case unspecified = 0
    case unique = 1
    case tieShared = 2
    case tieSplit = 3

    /// Encoded by name in JSON, e.g. "unique".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(describing: self))
    }
}

/// `nhs.league.v1.MetricInfo`.
public struct MetricInfo: Sendable, Hashable, Encodable {
    public var id: String = ""
    public var framework: String = ""
    public var scoreOnly: Bool = false
    public var name: String = ""
    public var explanation: String = ""
    public var units: String = ""
    public var unitsNote: String = ""
    public var betterWhen: BetterWhen = .unspecified
    public var directionEvidence: String = ""
    public var domainKey: String = ""
    public var domainName: String = ""
    public var descriptionAsPublished: String = ""
    public var continuesMetricId: String = ""
    public var tables: [LeagueTableKind] = []
    public var quarters: [String] = []
    public var source: String = ""
    public init() {}
}

/// `nhs.league.v1.MetricMovement`.
public struct MetricMovement: Sendable, Hashable, Encodable {
    public var previousQuarter: String = ""
    public var previousMetricId: String = ""
    public var previousValue: Double? = nil
    public var previousRank: UInt32? = nil
    public var previousRankedCount: UInt32? = nil
    public var delta: Double? = nil
    public var improved: Bool? = nil
    public var summary: String = ""
    public init() {}
}

/// `nhs.league.v1.MetricResult`.
public struct MetricResult: Sendable, Hashable, Encodable {
    public var metric: MetricInfo? = nil
    public var quarter: String = ""
    public var valueText: String = ""
    public var value: Double? = nil
    public var units: String = ""
    public var rank: UInt32? = nil
    public var rankedCount: UInt32? = nil
    public var rankText: String = ""
    public var rankDerivation: RankDerivation = .unspecified
    public var median: Double? = nil
    public var lowerQuartile: Double? = nil
    public var upperQuartile: Double? = nil
    public var standing: QuartileStanding = .unspecified
    public var standingText: String = ""
    public var metricScore: Double? = nil
    public var movement: MetricMovement? = nil
    public var reportingPeriod: String = ""
    public init() {}
}

/// `nhs.league.v1.MetricDomain`.
public struct MetricDomain: Sendable, Hashable, Encodable {
    public var key: String = ""
    public var name: String = ""
    public var metrics: [MetricResult] = []
    public init() {}
}

/// `nhs.league.v1.MetricStrengths`.
public struct MetricStrengths: Sendable, Hashable, Encodable {
    public var quarter: String = ""
    public var strongest: [MetricResult] = []
    public var weakest: [MetricResult] = []
    public var sourceLine: String = ""
    public init() {}
}

/// `nhs.league.v1.TrustMetricsRequest`.
public struct TrustMetricsRequest: Sendable, Hashable, Encodable {
    public var odsCode: String = ""
    public var quarter: String = ""
    public init() {}
}

/// `nhs.league.v1.TrustMetricsResult`.
public struct TrustMetricsResult: Sendable, Hashable, Encodable {
    public var trust: Trust = Trust()
    public var quarter: String = ""
    public var table: LeagueTableKind = .unspecified
    public var quarterDefaulted: Bool = false
    public var note: String = ""
    public var domains: [MetricDomain] = []
    public var availableQuarters: [String] = []
    public var sourceLine: String = ""
    public var provenance: [String] = []
    public var caveats: [String] = []
    public init() {}
}

/// `nhs.league.v1.MetricTableRequest`.
public struct MetricTableRequest: Sendable, Hashable, Encodable {
    public var metric: String = ""
    public var quarter: String = ""
    public var table: LeagueTableKind = .unspecified
    public var region: String = ""
    public var worstFirst: Bool = false
    public var offset: UInt32 = 0
    public var limit: UInt32 = 0
    public init() {}
}

/// `nhs.league.v1.MetricLeagueRow`.
public struct MetricLeagueRow: Sendable, Hashable, Encodable {
    public var odsCode: String = ""
    public var trustName: String = ""
    public var region: String = ""
    public var result: MetricResult = MetricResult()
    public init() {}
}

/// `nhs.league.v1.MetricRankCounts`.
public struct MetricRankCounts: Sendable, Hashable, Encodable {
    public var tableSize: UInt32 = 0
    public var withRow: UInt32 = 0
    public var ranked: UInt32 = 0
    public var unique: UInt32 = 0
    public var tiesShared: UInt32 = 0
    public var tiesSplit: UInt32 = 0
    public var unranked: UInt32 = 0
    public var blankCodes: [String] = []
    public var summary: String = ""
    public init() {}
}

/// `nhs.league.v1.MetricTableResult`.
public struct MetricTableResult: Sendable, Hashable, Encodable {
    public var metric: MetricInfo = MetricInfo()
    public var quarter: String = ""
    public var table: LeagueTableKind = .unspecified
    public var totalMatching: UInt32 = 0
    public var rows: [MetricLeagueRow] = []
    public var median: Double? = nil
    public var lowerQuartile: Double? = nil
    public var upperQuartile: Double? = nil
    public var ranks: MetricRankCounts = MetricRankCounts()
    public var otherMatches: [String] = []
    public var sourceLine: String = ""
    public var provenance: [String] = []
    public var caveats: [String] = []
    public init() {}
}

/// `nhs.league.v1.ListMetricsRequest`.
public struct ListMetricsRequest: Sendable, Hashable, Encodable {
    public var table: LeagueTableKind = .unspecified
    public var quarter: String = ""
    public init() {}
}

/// `nhs.league.v1.ListMetricsResult`.
public struct ListMetricsResult: Sendable, Hashable, Encodable {
    public var metrics: [MetricInfo] = []
    public init() {}
}
