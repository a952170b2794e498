import Foundation

extension Validator {
    /// Reads and validates `quarters.csv`: known, unique quarter labels whose fiscal year, number and
    /// period dates match the label. Returns the quarters and the line each is defined on.
    mutating func loadQuarters(_ contents: [String: Data]) -> (infos: [Quarter: QuarterInfo], lines: [Quarter: Int]) {
        var quarterInfos: [Quarter: QuarterInfo] = [:]
        var quarterLine: [Quarter: Int] = [:]
        if let t = table(
            contents, "quarters.csv",
            required: [
                "quarter", "fiscal_year", "quarter_number", "period_start",
                "period_end", "period_text", "published", "domain_set", "note", "source",
            ])
        {
            for row in rows(t) {
                guard let label = required(row, "quarter") else { continue }
                guard let q = Quarter(parsing: label), q.label == label else {
                    issue(row, "unknown quarter '\(label)'"); continue
                }
                if let first = quarterLine[q] {
                    issue(row, "duplicate quarter \(label) (first on line \(first))"); continue
                }
                quarterLine[q] = row.line
                if row.opt("fiscal_year") != q.fiscalYear {
                    issue(row, "fiscal_year '\(row.text("fiscal_year"))' does not match \(label)")
                }
                if int(row, "quarter_number") != q.number {
                    issue(row, "quarter_number '\(row.text("quarter_number"))' does not match \(label)")
                }
                let start = date(row, "period_start"), end = date(row, "period_end")
                if let start, start != q.periodStart {
                    issue(row, "period_start \(start.iso) is not the first day of \(label) (\(q.periodStart.iso))")
                }
                if let end, end != q.periodEnd {
                    issue(row, "period_end \(end.iso) is not the last day of \(label) (\(q.periodEnd.iso))")
                }
                let published = date(row, "published")
                guard let domainSet = required(row, "domain_set"), let source = required(row, "source") else {
                    continue
                }
                quarterInfos[q] = QuarterInfo(
                    quarter: q, periodStart: start ?? q.periodStart, periodEnd: end ?? q.periodEnd,
                    periodText: row.text("period_text"), published: published,
                    domainSet: domainSet, note: row.opt("note"), source: source)
            }
        }
        return (quarterInfos, quarterLine)
    }
}
