import Foundation

extension Validator {
    /// Reads and validates `actions.csv`: a known trust when one is named, a partial ISO date, a
    /// title and a source URL.
    mutating func loadActions(_ contents: [String: Data], trusts: [String: TrustRecord]) -> [ActionRecord] {
        var actions: [ActionRecord] = []
        if let t = table(
            contents, "actions.csv",
            required: ["ods_code", "date", "title", "category", "status", "source_url", "note"])
        {
            for row in rows(t) {
                let code = row.opt("ods_code").map(Dataset.normaliseCode)
                if let c = code, trusts[c] == nil { issue(row, "unknown ODS code \(c)") }
                let d = row.opt("date")
                if let d, !Validator.isPartialISODate(d) {
                    issue(row, "date '\(d)' is not an ISO date (yyyy, yyyy-MM or yyyy-MM-dd)")
                }
                guard let title = required(row, "title"), let url = required(row, "source_url") else { continue }
                actions.append(
                    ActionRecord(
                        odsCode: code, trustNameInSource: row.text("trust_name_in_source"), date: d, title: title,
                        category: row.opt("category"), status: row.opt("status"), sourceURL: url, note: row.opt("note"),
                        sourceType: actionSourceType(row))
                )
            }
        }
        return actions
    }
}
