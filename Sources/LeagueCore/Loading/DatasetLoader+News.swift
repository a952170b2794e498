import Foundation

extension Validator {
    /// Reads and validates `news_crosscheck.csv`: every report names a known trust.
    mutating func loadNewsReports(_ contents: [String: Data], trusts: [String: TrustRecord]) -> [NewsReport] {
        var news: [NewsReport] = []
        if let t = table(
            contents, "news_crosscheck.csv",
            required: [
                "quarter", "table", "ods_code", "league_position", "segment",
                "average_metric_score", "source_urls", "comparison_with_official",
            ])
        {
            for row in rows(t) {
                guard let raw = required(row, "ods_code") else { continue }
                let code = Dataset.normaliseCode(raw)
                if trusts[code] == nil { issue(row, "unknown ODS code \(code)") }
                news.append(
                    NewsReport(
                        quarterLabel: row.text("quarter"), quarter: quarter(row.text("quarter")),
                        table: TableKind(parsing: row.text("table")), tableSize: int(row, "table_size"), odsCode: code,
                        trustNameAsReported: row.text("trust_name_as_reported"),
                        leaguePosition: int(row, "league_position"),
                        jointPosition: row.opt("joint_position"), segment: int(row, "segment"),
                        averageMetricScore: double(row, "average_metric_score"), sourceURLs: row.text("source_urls"),
                        sourceDates: row.text("source_dates"), note: row.opt("note"),
                        comparisonWithOfficial: row.text("comparison_with_official")))
            }
        }
        return news
    }
}
