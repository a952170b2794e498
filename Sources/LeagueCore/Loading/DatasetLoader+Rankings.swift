import Foundation

extension Validator {
    /// Reads and validates `rankings.csv`: one ranking per trust, quarter and table, of a known
    /// quarter, table and trust (open when the quarter began), values in range, and per table a
    /// `table_size` equal to its row count and `joint_position` agreeing with shared positions.
    /// Returns the rankings (without domains) and each one's index by quarter and trust.
    mutating func loadRankings(
        _ contents: [String: Data], quarterInfos: [Quarter: QuarterInfo], trusts: [String: TrustRecord]
    ) -> (records: [RankingRecord], index: [TrustInQuarter: Int]) {
        var rankings: [RankingRecord] = []
        var rankingLine: [String: Int] = [:]
        var rankingIndex: [TrustInQuarter: Int] = [:]  // (for domains)
        var groupRows: [QuarterTable: [(line: Int, size: Int, position: Int?, joint: Bool?, ods: String)]] = [:]
        if let t = table(
            contents, "rankings.csv",
            required: [
                "quarter", "table", "table_size", "ods_code", "trust_name_as_published",
                "segment", "league_position", "joint_position", "average_metric_score", "source",
            ])
        {
            for row in rows(t) {
                guard let qLabel = required(row, "quarter"), let tLabel = required(row, "table"),
                    let rawCode = required(row, "ods_code")
                else { continue }
                let code = Dataset.normaliseCode(rawCode)
                guard let q = quarter(qLabel), quarterInfos[q] != nil else {
                    issue(row, "unknown quarter '\(qLabel)'"); continue
                }
                guard let table = TableKind(parsing: tLabel) else { issue(row, "unknown table '\(tLabel)'"); continue }
                let key = "\(q.label)|\(table.rawValue)|\(code)"
                if let first = rankingLine[key] {
                    issue(row, "duplicate ranking \(q.label) \(table.rawValue) \(code) (first on line \(first))");
                    continue
                }
                rankingLine[key] = row.line
                let trust = trusts[code]
                if trust == nil { issue(row, "unknown ODS code \(code)") }
                if let close = trust?.closeDate, close < q.periodStart {
                    issue(
                        row,
                        "ranking for \(code) in \(q.label) but the trust closed on \(close.iso), before the quarter began"
                    )
                }
                guard let size = int(row, "table_size") else { issue(row, "table_size is blank"); continue }
                let segment = int(row, "segment")
                if let s = segment, !(1...5).contains(s) { issue(row, "segment \(s) outside 1-5") }
                let position = int(row, "league_position")
                if let p = position {
                    if p < 1 {
                        issue(row, "league position \(p) is less than 1")
                    } else if p > size {
                        issue(row, "league position \(p) greater than table size \(size)")
                    }
                }
                let score = double(row, "average_metric_score")
                if let s = score, !(1.0...4.0).contains(s) {
                    issue(row, "average metric score \(row.text("average_metric_score")) outside 1.0-4.0")
                }
                let unadj = int(row, "unadjusted_segment")
                if let s = unadj, !(1...5).contains(s) { issue(row, "unadjusted segment \(s) outside 1-5") }
                let finalOverride = int(row, "final_segment_score_override")
                if let s = finalOverride, !(1...5).contains(s) {
                    issue(row, "final segment score override \(s) outside 1-5")
                }
                let joint = flag(row, "joint_position")
                guard let source = required(row, "source") else { continue }
                groupRows[QuarterTable(q, table), default: []].append((row.line, size, position, joint, code))
                if rankingIndex[TrustInQuarter(quarter: q, odsCode: code)] != nil {
                    issue(row, "\(code) is ranked in more than one table in \(q.label)")
                }
                rankingIndex[TrustInQuarter(quarter: q, odsCode: code)] = rankings.count
                rankings.append(
                    RankingRecord(
                        quarter: q, table: table, tableSize: size, odsCode: code,
                        trustNameAsPublished: row.text("trust_name_as_published"), nhsRegion: row.opt("nhs_region"),
                        nofTrustType: row.opt("nof_trust_type"), nofTrustSubtype: row.opt("nof_trust_subtype"),
                        segment: segment, leaguePosition: position, isJointPosition: joint, averageMetricScore: score,
                        unadjustedSegment: unadj, financialOverride: flag(row, "financial_override"),
                        finalSegmentScoreOverride: finalOverride,
                        recoverySupportProgramme: flag(row, "recovery_support_programme"),
                        financialDeficit: flag(row, "financial_deficit"),
                        likelyRangeOfAverageScore: row.opt("likely_range_of_average_score"),
                        likelyRangeOfLeaguePosition: row.opt("likely_range_of_league_position"),
                        source: source, domains: []))
            }
        }
        for (qt, group) in groupRows.sorted(by: { $0.key < $1.key }) {
            // One issue per distinct wrong size, on the first row that states it.
            var reported: Set<Int> = []
            for g in group.sorted(by: { $0.line < $1.line })
            where g.size != group.count && reported.insert(g.size).inserted {
                issue("rankings.csv", g.line, "table_size \(g.size) does not match the \(group.count) rows for \(qt)")
            }
            var byPosition: [Int: Int] = [:]
            for g in group { if let p = g.position { byPosition[p, default: 0] += 1 } }
            for g in group {
                guard let p = g.position else { continue }
                let shared = byPosition[p]! > 1
                if let j = g.joint, j != shared {
                    issue(
                        "rankings.csv", g.line,
                        "joint_position \(j ? "Y" : "N") but \(shared ? "another trust shares" : "no other trust has") position \(p) in \(qt)"
                    )
                }
            }
        }
        return (rankings, rankingIndex)
    }
}

/// A trust in one quarter: a struct key, where a "quarter|ods" string key built both labels by
/// interpolation on every row (the quarter's label alone is ~1,000 instructions).
struct TrustInQuarter: Hashable {
    var quarter: Quarter
    var odsCode: String
}
