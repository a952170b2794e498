/// One published ranking with everything needed to explain it: the quarter, the
/// domains with their names, the movement since the previous quarter with data,
/// the derived gap to the next segment, and caveats.
public struct RankingView: Sendable, Hashable {
    public var record: RankingRecord
    public var quarter: QuarterInfo?
    public var domains: [DomainView]
    public var movement: MovementView?
    public var gapToNextSegment: SegmentGapView?
    public var caveats: [String]

    public var segmentMeaning: String? { record.segment.map(SegmentText.meaning) }
}

/// A domain score with its definition (name and what it measures).
public struct DomainView: Sendable, Hashable {
    public var definition: DomainDefinition?
    public var key: String
    public var score: Double?
    public var segment: Int?
    public var source: String

    public var name: String { definition?.name ?? key.replacingOccurrences(of: "_", with: " ") }
}

/// Change against the previous quarter that ranks the same trust.
public struct MovementView: Sendable, Hashable {
    public var previousQuarter: Quarter
    public var previousPosition: Int?
    public var previousSegment: Int?
    public var previousScore: Double?
    /// Positive = moved up the table (a smaller position number).
    public var positionsUp: Int?
    /// Positive = a better (smaller) segment.
    public var segmentsUp: Int?

    /// "up 2 places since Q4 2025/26 (from 6th to 4th)".
    public var summary: String {
        var parts: [String] = []
        if let up = positionsUp, let from = previousPosition {
            let to = from - up
            if up == 0 {
                parts.append("no change since \(previousQuarter.label) (\(Ordinal.text(to)) both times)")
            } else {
                let places = abs(up) == 1 ? "place" : "places"
                parts.append(
                    "\(up > 0 ? "up" : "down") \(abs(up)) \(places) since \(previousQuarter.label) (from \(Ordinal.text(from)) to \(Ordinal.text(to)))"
                )
            }
        }
        if let segmentsUp, segmentsUp != 0, let from = previousSegment {
            parts.append("segment \(from) → \(from - segmentsUp)")
        }
        return parts.joined(separator: "; ")
    }
}

/// Derived by this service from the same quarter's published table; not an NHS England figure.
public struct SegmentGapView: Sendable, Hashable {
    public var targetSegment: Int
    public var thresholdScore: Double
    public var scoreGap: Double
    public var explanation: String
}

/// "1st", "2nd", "23rd", "111th".
public enum Ordinal {
    public static func text(_ n: Int) -> String {
        let suffix: String
        switch (n % 100, n % 10) {
        case (11...13, _): suffix = "th"
        case (_, 1): suffix = "st"
        case (_, 2): suffix = "nd"
        case (_, 3): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}
