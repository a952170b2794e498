import Foundation

extension Validator {
    /// Reads and validates `aliases.csv`: unique (alias, trust) pairs naming a known trust and, when
    /// given, a known site.
    mutating func loadAliases(
        _ contents: [String: Data], trusts: [String: TrustRecord], siteCodes: Set<String>
    ) -> [AliasRecord] {
        var aliases: [AliasRecord] = []
        var aliasLine: [String: Int] = [:]
        if let t = table(
            contents, "aliases.csv",
            required: ["alias", "alias_type", "ods_code", "site_code", "ambiguous", "source_url", "source_type"])
        {
            for row in rows(t) {
                guard let alias = required(row, "alias"), let raw = required(row, "ods_code"),
                    let url = required(row, "source_url")
                else { continue }
                let code = Dataset.normaliseCode(raw)
                let k = alias.uppercased() + "|" + code
                if let first = aliasLine[k] {
                    issue(row, "duplicate alias \(alias) for \(code) (first on line \(first))"); continue
                }
                aliasLine[k] = row.line
                if trusts[code] == nil { issue(row, "unknown ODS code \(code)") }
                let site = row.opt("site_code").map(Dataset.normaliseCode)
                if let s = site, !siteCodes.contains(s) { issue(row, "unknown site code \(s)") }
                aliases.append(
                    AliasRecord(
                        alias: alias, aliasType: row.text("alias_type"), odsCode: code, siteCode: site,
                        isAmbiguous: flag(row, "ambiguous") ?? false, sourceURL: url,
                        sourceType: row.text("source_type"), note: row.opt("note")))
            }
        }
        return aliases
    }
}
