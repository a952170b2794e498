import Foundation

extension Validator {
    /// Reads and validates `domain_scores.csv`: one result per quarter, trust and domain, of a known
    /// quarter, domain and ranked trust, score and segment in range. Adds each result to its
    /// ranking, in the domains' display order.
    mutating func loadDomainScores(
        _ contents: [String: Data], quarterInfos: [Quarter: QuarterInfo], domainDefs: [DomainDefinition],
        domainKeys: [String: Int], trusts: [String: TrustRecord], rankings: inout [RankingRecord],
        rankingIndex: [TrustInQuarter: Int]
    ) {
        var domainLine: [DomainResultKey: Int] = [:]
        if let t = table(
            contents, "domain_scores.csv", required: ["quarter", "ods_code", "domain", "score", "segment", "source"])
        {
            for row in rows(t) {
                guard let qLabel = required(row, "quarter"), let rawCode = required(row, "ods_code"),
                    let key = required(row, "domain")
                else { continue }
                let code = Dataset.normaliseCode(rawCode)
                guard let q = quarter(qLabel), let info = quarterInfos[q] else {
                    issue(row, "unknown quarter '\(qLabel)'"); continue
                }
                guard domainKeys[info.domainSet + "|" + key] != nil else {
                    issue(row, "unknown domain '\(key)' for domain set \(info.domainSet)"); continue
                }
                let k = DomainResultKey(trust: TrustInQuarter(quarter: q, odsCode: code), domain: key)
                if let first = domainLine[k] {
                    issue(row, "duplicate domain result \(q.label) \(code) \(key) (first on line \(first))"); continue
                }
                domainLine[k] = row.line
                let score = double(row, "score")
                if let s = score, !(1.0...4.0).contains(s) {
                    issue(row, "domain score \(row.text("score")) outside 1.0-4.0")
                }
                let segment = int(row, "segment")
                if let s = segment, !(1...4).contains(s) { issue(row, "domain segment \(s) outside 1-4") }
                if score == nil && segment == nil { issue(row, "neither score nor segment is given") }
                guard let source = required(row, "source") else { continue }
                guard trusts[code] != nil else { issue(row, "unknown ODS code \(code)"); continue }
                guard let idx = rankingIndex[k.trust] else {
                    issue(row, "no ranking for \(code) in \(q.label)"); continue
                }
                rankings[idx].domains.append(
                    DomainResult(
                        quarter: q, odsCode: code, domainKey: key, score: score, segment: segment, source: source))
            }
        }
        let order = Dictionary(
            domainDefs.map { ($0.domainSet + "|" + $0.key, $0.displayOrder) }, uniquingKeysWith: { a, _ in a })
        for i in rankings.indices where rankings[i].domains.count > 1 {
            let set = quarterInfos[rankings[i].quarter]?.domainSet ?? ""
            // each result's place looked up once, not at every comparison (the same comparisons,
            // so the same order)
            var placed = rankings[i].domains.map { (place: order[set + "|" + $0.domainKey] ?? 0, result: $0) }
            placed.sort { $0.place < $1.place }
            rankings[i].domains = placed.map(\.result)
        }
    }
}

/// One domain result's identity: a trust in a quarter and a domain key.
struct DomainResultKey: Hashable {
    var trust: TrustInQuarter
    var domain: String
}
