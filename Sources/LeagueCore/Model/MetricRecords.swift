/// Which way a metric's values are better, as shown by NHS England's published ranks.
public enum MetricDirection: String, Sendable, Hashable, Codable {
    case higherIsBetter = "higher_better"
    case lowerIsBetter = "lower_better"

    /// True when `a` is strictly better than `b`.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        self == .higherIsBetter ? a > b : a < b
    }
}

/// Whether NHS England publishes a value for the metric or only its 1-4 metric score.
public enum MetricKind: String, Sendable, Hashable, Codable {
    case value
    case scoreOnly = "score_only"
}

/// Identifies a catalogue entry: NHS England reuses metric ids across the 2025/26 and 2026/27 frameworks.
public struct MetricKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Domain set / framework, "2025/26" or "2026/27" (as `QuarterInfo.domainSet`).
    public var framework: String
    /// NHS England Metric_ID, e.g. `OF0013`.
    public var id: String
    public init(framework: String, id: String) {
        self.framework = framework
        self.id = id
    }
    public static func < (l: MetricKey, r: MetricKey) -> Bool { (l.framework, l.id) < (r.framework, r.id) }
    public var description: String { "\(id) (\(framework))" }
}

/// One published metric (a row of `metrics.csv`).
public struct MetricDefinition: Sendable, Hashable {
    public var key: MetricKey
    public var id: String { key.id }
    public var framework: String { key.framework }
    public var kind: MetricKind
    /// Plain-English name written for patients, e.g. "Patients seen in A&E within 4 hours".
    public var name: String
    /// One sentence on what the number measures.
    public var explanation: String
    /// Unit label(s) as published ("%", "mins", "out of 10"; "score" for score-only metrics).
    public var units: String
    /// Where the published unit label looks wrong or varies (shown as a caveat, never silently fixed).
    public var unitsNote: String?
    /// Which way is better, from the published ranks; nil when the ranks do not show it.
    public var direction: MetricDirection?
    /// How `direction` was established (blocks that agreed, or why it is unknown).
    public var directionEvidence: String
    /// `domains.csv` key of the framework's domain set.
    public var domainKey: String
    public var domainAsPublished: String
    public var subDomainAsPublished: String
    /// NHS England's description, exactly as published.
    public var descriptionAsPublished: String
    /// Id of the metric-score row joined into `MetricValue.metricScore`, if any.
    public var scoreMetricID: String?
    /// The 2025/26 metric this 2026/27 metric continues (same measure); nil otherwise.
    public var continuesMetricID: String?
    public var tables: [TableKind]
    public var quarters: [Quarter]
    /// Full provenance chain.
    public var source: String
}

/// How a published rank re-derives from the published values of its block.
public enum RankCheck: String, Sendable, Hashable, Codable {
    /// No other ranked trust has the same value; the rank is 1 + the number of better values.
    case unique
    /// Trusts with the same published value share the same rank (the lowest of their places).
    case tieShared = "tie_shared"
    /// Trusts with the same published (2-decimal) value got different ranks: NHS England ranked
    /// the unrounded values. The rank still lies within the places the rounded value allows.
    case tieSplit = "tie_split"
}

/// One trust's result on one metric in one quarter (a row of `metric_values.csv`).
public struct MetricValue: Sendable, Hashable {
    public var quarter: Quarter
    public var table: TableKind
    public var odsCode: String
    public var metricID: String
    /// Period the data covers, as published (e.g. "Jun-25", "Apr 25 - Mar 26").
    public var reportingDate: String?
    /// Unit label as published on this row.
    public var units: String?
    public var value: Double?
    /// The value's published text (keeps "0.0", "75.7" as published).
    public var valueText: String?
    /// Published rank in the table (1 = best); nil where not ranked.
    public var rank: Int?
    /// Ranked trusts in this quarter, table and metric (derived).
    public var rankedCount: Int?
    public var rankCheck: RankCheck?
    public var median: Double?
    public var lowerQuartile: Double?
    public var upperQuartile: Double?
    /// Metric score 1.0 (best) to 4.0 (worst).
    public var metricScore: Double?
}

/// Where improvement actions come from; shown to patients in plain words.
public enum ActionSourceType: String, Sendable, Hashable, Codable {
    /// A stored public web page (news, trust or regulator), paraphrased.
    case webPage = "web_page"
    /// A third-party, AI-assisted summary of the trust's public board papers.
    case boardPapersAISummary = "board_papers_ai_summary"

    /// Plain words for patients.
    public var plainText: String {
        switch self {
        case .webPage: return "from a public web page (news, the trust or a regulator), in our own words"
        case .boardPapersAISummary:
            return
                "from a summary of the trust's board papers (written by a third party with AI help, not the trust's own words)"
        }
    }
}
