import Foundation

extension Validator {
    /// Reads and validates `successors.csv`: unique successions between two different known trusts.
    mutating func loadSuccessors(_ contents: [String: Data], trusts: [String: TrustRecord]) -> [SuccessorRecord] {
        var successors: [SuccessorRecord] = []
        var successorLine: [String: Int] = [:]
        if let t = table(
            contents, "successors.csv",
            required: [
                "old_code", "old_name", "successor_code", "successor_name",
                "effective_date", "evidence", "source",
            ])
        {
            for row in rows(t) {
                guard let oldRaw = required(row, "old_code"), let newRaw = required(row, "successor_code"),
                    let evidence = required(row, "evidence"), let source = required(row, "source")
                else { continue }
                let old = Dataset.normaliseCode(oldRaw), new = Dataset.normaliseCode(newRaw)
                let k = old + "|" + new
                if let first = successorLine[k] {
                    issue(row, "duplicate succession \(old) -> \(new) (first on line \(first))"); continue
                }
                successorLine[k] = row.line
                if trusts[old] == nil { issue(row, "unknown ODS code \(old) (old_code)") }
                if trusts[new] == nil { issue(row, "unknown ODS code \(new) (successor_code)") }
                if old == new { issue(row, "\(old) succeeds itself") }
                successors.append(
                    SuccessorRecord(
                        oldCode: old, oldName: row.text("old_name"), successorCode: new,
                        successorName: row.text("successor_name"), effectiveDate: date(row, "effective_date"),
                        evidence: evidence, source: source, note: row.opt("note")))
            }
        }
        return successors
    }
}
