import Foundation

extension Validator {
    /// Reads and validates `domains.csv`: unique (domain set, key) pairs with a display order, and a
    /// domain set with domains for every quarter. Returns the definitions and the line of each
    /// "set|key".
    mutating func loadDomains(
        _ contents: [String: Data], quarterInfos: [Quarter: QuarterInfo], quarterLine: [Quarter: Int]
    ) -> (definitions: [DomainDefinition], keys: [String: Int]) {
        var domainDefs: [DomainDefinition] = []
        var domainKeys: [String: Int] = [:]  // "set|key" -> line
        if let t = table(
            contents, "domains.csv", required: ["domain_set", "key", "display_order", "name", "description", "source"])
        {
            for row in rows(t) {
                guard let set = required(row, "domain_set"), let key = required(row, "key"),
                    let name = required(row, "name"), let source = required(row, "source")
                else { continue }
                let k = set + "|" + key
                if let first = domainKeys[k] {
                    issue(row, "duplicate domain \(set) \(key) (first on line \(first))"); continue
                }
                domainKeys[k] = row.line
                guard let order = int(row, "display_order") else { issue(row, "display_order is blank"); continue }
                domainDefs.append(
                    DomainDefinition(
                        domainSet: set, key: key, displayOrder: order, name: name,
                        description: row.text("description"), scoreMetricID: row.opt("score_metric_id"),
                        segmentMetricID: row.opt("segment_metric_id"), source: source))
            }
        }
        for info in quarterInfos.values where !domainDefs.contains(where: { $0.domainSet == info.domainSet }) {
            issue(
                "quarters.csv", quarterLine[info.quarter] ?? 0,
                "domain_set '\(info.domainSet)' has no domains in domains.csv")
        }
        return (domainDefs, domainKeys)
    }
}
