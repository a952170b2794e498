/// Builds `RankingView`s: attaches quarter metadata and domain definitions, and
/// derives movement, the gap to the next segment and caveats from the data.
public struct RankingExplainer: Sendable {
    public let dataset: Dataset
    /// Coverage of every quarter's table, computed once per snapshot.
    private let coverage: [QuarterTable: Coverage]
    /// The worst (highest) published average score in each segment of each quarter's
    /// table, computed once per snapshot rather than by scanning the table per answer.
    private let worstScoreBySegment: [QuarterTable: [Int: Double]]

    public init(dataset: Dataset) {
        self.dataset = dataset
        self.coverage = Dictionary(
            uniqueKeysWithValues: dataset.coverage.map { (QuarterTable($0.quarter, $0.table), $0) })
        var worst: [QuarterTable: [Int: Double]] = [:]
        for record in dataset.rankings {
            guard let segment = record.segment, let score = record.averageMetricScore else { continue }
            let key = QuarterTable(record.quarter, record.table)
            worst[key, default: [:]][segment] = max(worst[key]?[segment] ?? -.infinity, score)
        }
        self.worstScoreBySegment = worst
    }

    /// Every ranking of a trust, oldest first, each with its movement.
    public func history(of odsCode: String) -> [RankingView] {
        let records = dataset.rankings(for: odsCode)
        return records.indices.map { index in
            explain(records[index], previous: index > 0 ? records[index - 1] : nil)
        }
    }

    /// One ranking, with movement against the previous ranking of the same trust.
    public func explain(_ record: RankingRecord) -> RankingView {
        let all = dataset.rankings(for: record.odsCode)
        let previous = all.last { $0.quarter < record.quarter }
        return explain(record, previous: previous)
    }

    func explain(_ record: RankingRecord, previous: RankingRecord?) -> RankingView {
        let domains = orderedDomains(record)
        return RankingView(
            record: record,
            quarter: dataset.quarterInfo(record.quarter),
            domains: domains,
            movement: previous.map { movement(from: $0, to: record) },
            gapToNextSegment: gapToNextSegment(record),
            caveats: caveats(record, previous: previous, domains: domains))
    }

    private func orderedDomains(_ record: RankingRecord) -> [DomainView] {
        let views = record.domains.map { result in
            DomainView(
                definition: dataset.domainDefinition(quarter: record.quarter, key: result.domainKey),
                key: result.domainKey, score: result.score, segment: result.segment, source: result.source)
        }
        return views.sorted {
            ($0.definition?.displayOrder ?? .max, $0.key) < ($1.definition?.displayOrder ?? .max, $1.key)
        }
    }

    private func movement(from previous: RankingRecord, to current: RankingRecord) -> MovementView {
        var positionsUp: Int?
        // Positions only compare within the same table (a trust never changes table
        // in this data, but guard anyway).
        if previous.table == current.table, let before = previous.leaguePosition, let now = current.leaguePosition {
            positionsUp = before - now
        }
        var segmentsUp: Int?
        if let before = previous.segment, let now = current.segment { segmentsUp = before - now }
        return MovementView(
            previousQuarter: previous.quarter, previousPosition: previous.leaguePosition,
            previousSegment: previous.segment, previousScore: previous.averageMetricScore,
            positionsUp: positionsUp, segmentsUp: segmentsUp)
    }

    /// The score a trust would need to reach the segment above, read off the same
    /// quarter's published table: the worst (highest) average score among trusts
    /// placed in the segment above. Not derived when the trust is in segment 1, has
    /// no published score, or nobody is in the segment above.
    public func gapToNextSegment(_ record: RankingRecord) -> SegmentGapView? {
        guard let segment = record.segment, (2...4).contains(segment), let score = record.averageMetricScore else {
            return nil
        }
        let target = segment - 1
        guard let threshold = worstScoreBySegment[QuarterTable(record.quarter, record.table)]?[target] else {
            return nil
        }
        let gap = score - threshold
        var explanation: String
        if gap > 0 {
            explanation =
                "In \(record.quarter.label) the worst average score placed in segment \(target) was "
                + "\(Self.format(threshold)); this trust scored \(Self.format(score)), "
                + "\(Self.format(gap)) points higher (lower is better)."
        } else {
            explanation =
                "This trust's average score (\(Self.format(score))) was already as good as the worst score "
                + "placed in segment \(target) (\(Self.format(threshold))) in \(record.quarter.label); "
                + "its segment was set by other rules (for example the finance rule)."
        }
        if record.financialOverride == true {
            explanation +=
                " Its segment was adjusted by NHS England's finance rule, so a better score alone may not move it."
        }
        return SegmentGapView(targetSegment: target, thresholdScore: threshold, scoreGap: gap, explanation: explanation)
    }

    private func caveats(_ record: RankingRecord, previous: RankingRecord?, domains: [DomainView]) -> [String] {
        var caveats: [String] = []
        if record.financialOverride == true {
            var text = "NHS England's finance rule adjusted this trust's segment"
            if let unadjusted = record.unadjustedSegment, let segment = record.segment {
                text += ": its scores alone placed it in segment \(unadjusted); the published segment is \(segment)"
            }
            caveats.append(text + ".")
        }
        if record.financialDeficit == true {
            caveats.append(
                "NHS England's published file lists this trust as in financial deficit this quarter; "
                    + "under the framework's finance rule a deficit can hold a trust's segment below what its scores alone would give."
            )
        }
        if let coverage = coverage[QuarterTable(record.quarter, record.table)],
            coverage.withPosition < coverage.tableSize
        {
            caveats.append(
                "Partial quarter: only \(coverage.withPosition) of the \(coverage.tableSize) trusts in this table "
                    + "have a published position in this dataset.")
        }
        if record.isJointPosition == true, let position = record.leaguePosition {
            caveats.append("Joint \(Ordinal.text(position)): another trust has the same segment and score.")
        }
        if domains.isEmpty {
            caveats.append(
                "Domain scores for this quarter are not in this dataset (not published in the files it was built from)."
            )
        } else if domains.contains(where: { $0.score == nil }) {
            let missing = domains.filter { $0.score == nil }.map(\.name)
            caveats.append("No published score for: \(missing.joined(separator: ", ")).")
        }
        if let previous, let before = dataset.quarterInfo(previous.quarter)?.domainSet,
            let now = dataset.quarterInfo(record.quarter)?.domainSet, before != now
        {
            caveats.append(
                "The framework changed between \(previous.quarter.label) and \(record.quarter.label) "
                    + "(new domains and metrics), so movement across that change compares different measures.")
        }
        if let likely = record.likelyRangeOfLeaguePosition, !likely.isEmpty {
            caveats.append("NHS England gives a likely range for this position of \(likely).")
        }
        return caveats
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
