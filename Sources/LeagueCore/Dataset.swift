import Foundation

/// Key of one league table in one quarter.
public struct QuarterTable: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var quarter: Quarter
    public var table: TableKind
    public init(_ quarter: Quarter, _ table: TableKind) {
        self.quarter = quarter
        self.table = table
    }
    public static func < (lhs: QuarterTable, rhs: QuarterTable) -> Bool {
        (lhs.quarter, lhs.table.sortIndex) < (rhs.quarter, rhs.table.sortIndex)
    }
    public var description: String { "\(quarter.label) \(table.rawValue)" }
}

/// How complete one quarter's table is.
public struct Coverage: Sendable, Hashable {
    public var quarter: Quarter
    public var table: TableKind
    /// Trusts in the table that quarter (published rows).
    public var tableSize: Int
    /// Rows with a league position.
    public var withPosition: Int
    /// Rows with a segment.
    public var withSegment: Int
    /// Rows with an average metric score.
    public var withScore: Int
    /// Rows with at least one domain *score* published.
    public var withDomainScores: Int
    /// Rows with at least one domain *segment* published.
    public var withDomainSegments: Int
}

/// The answer to "where does this trust rank now?".
public struct LatestRanking: Sendable, Hashable {
    /// The newest ranking of the trust.
    public var ranking: RankingRecord
    /// The newest quarter published for the trust's table.
    public var newestPublishedQuarter: Quarter
    /// True when `ranking` is from `newestPublishedQuarter`.
    public var isCurrent: Bool { ranking.quarter == newestPublishedQuarter }
    /// Successions of the trust (it merged into these), if any.
    public var successors: [SuccessorRecord]
    /// Set when the newest published quarter has no ranking for the trust; says why, if known,
    /// and names the successor.
    public var note: String?
}

/// The whole dataset: one immutable value, safe to share between threads,
/// with lookups built once at load time.
public struct Dataset: Sendable {
    /// Published quarters, oldest first.
    public let quarters: [QuarterInfo]
    /// Domain definitions, by domain set then display order.
    public let domains: [DomainDefinition]
    /// Trusts, sorted by ODS code.
    public let trusts: [TrustRecord]
    /// Rankings, by quarter, table, position.
    public let rankings: [RankingRecord]
    /// Hospital sites, sorted by site code.
    public let sites: [SiteRecord]
    public let successors: [SuccessorRecord]
    public let postcodeSectors: [PostcodeCentroid]
    public let postcodeDistricts: [PostcodeCentroid]
    public let actions: [ActionRecord]
    public let aliases: [AliasRecord]
    /// News-reported league facts: cross-check only, never served as the ranking.
    public let newsReports: [NewsReport]
    /// FNV-1a 64-bit hash (16 hex digits) over the canonical files' names and bytes, in sorted name order.
    public let contentHash: String
    /// `contentHash` and the latest quarter (`DataVersion`); changes only when the data changes.
    public let version: String
    /// Every published metric: catalogue and per-trust values (`metrics.csv`, `metric_values.csv`).
    public let metrics: MetricStore

    // MARK: indexes
    public let trustsByCode: [String: TrustRecord]
    /// Rankings per trust, oldest first.
    public let rankingsByTrust: [String: [RankingRecord]]
    /// Rankings per quarter and table, by league position (then ODS code).
    public let rankingsByQuarterTable: [QuarterTable: [RankingRecord]]
    public let quarterInfoByQuarter: [Quarter: QuarterInfo]
    /// Sites by site code. Holds positions in `sites`, not copies: a `SiteRecord` is ~0.5 kB, and
    /// three copies of every site (here, by parent, by main operator) were 7.8 MB of the snapshot.
    public let sitesByCode: SiteLookup
    /// Positions in `sites` per *current* parent ODS code (sites with an unknown parent are not here).
    let sitePositionsByParent: [String: [Int32]]
    /// Who runs each open site (`MainOperatorRule`), by site code.
    public let siteOperators: [String: SiteOperators]
    /// The country of each site outside England (Wales, Scotland, ...), by site code
    /// (`SitesOutsideEngland`): a trust's clinic in another nation's hospital, not a hospital it runs.
    public let sitesOutsideEngland: [String: PostcodeCountry]
    /// The country of each trust headquartered outside England (NHS Wales trusts in the ODS
    /// list: Velindre, the Welsh Ambulance Service, Public Health Wales), by ODS code.
    public let trustsOutsideEngland: [String: PostcodeCountry]
    /// Positions in `sites` of the open inpatient sites (hospitals and units) per main operator,
    /// hospitals first, then by name.
    let mainSitePositionsByTrust: [String: [Int32]]
    /// Successions by old code ("what did it become?").
    public let successorsByOldCode: [String: [SuccessorRecord]]
    /// Successions by successor code ("what did it absorb?").
    public let predecessorsBySuccessorCode: [String: [SuccessorRecord]]
    /// Actions per trust, newest first (undated last).
    public let actionsByTrust: [String: [ActionRecord]]
    /// Aliases by upper-cased alias text.
    public let aliasesByKey: [String: [AliasRecord]]

    /// Builds the value and its indexes. Input must already be validated (`DatasetLoader` does this).
    public init(
        quarters: [QuarterInfo], domains: [DomainDefinition], trusts: [TrustRecord],
        rankings: [RankingRecord], sites: [SiteRecord], successors: [SuccessorRecord],
        postcodeSectors: [PostcodeCentroid], postcodeDistricts: [PostcodeCentroid],
        actions: [ActionRecord], aliases: [AliasRecord], newsReports: [NewsReport],
        contentHash: String, metrics: MetricStore = MetricStore()
    ) {
        self.metrics = metrics
        self.quarters = quarters.sorted { $0.quarter < $1.quarter }
        self.domains = domains.sorted { ($0.domainSet, $0.displayOrder) < ($1.domainSet, $1.displayOrder) }
        self.trusts = trusts.sorted { $0.odsCode < $1.odsCode }
        let sortedRankings = rankings.sorted {
            ($0.quarter, $0.table.sortIndex, $0.leaguePosition ?? Int.max, $0.odsCode)
                < ($1.quarter, $1.table.sortIndex, $1.leaguePosition ?? Int.max, $1.odsCode)
        }
        self.rankings = sortedRankings
        // `sites.csv` is already in code order: checking costs a pass, while sorting moved the
        // ~0.5 kB records around (35 M instructions at load) to give the same order.
        let inCodeOrder = zip(sites, sites.dropFirst()).allSatisfy { !($1.siteCode < $0.siteCode) }
        let sortedSites = inCodeOrder ? sites : sites.sorted { $0.siteCode < $1.siteCode }
        self.sites = sortedSites
        self.successors = successors
        self.postcodeSectors = postcodeSectors
        self.postcodeDistricts = postcodeDistricts
        self.actions = actions
        self.aliases = aliases
        self.newsReports = newsReports
        self.contentHash = contentHash
        self.version = DataVersion.make(contentHash: contentHash, latestQuarter: self.quarters.last?.quarter)

        self.trustsByCode = Dictionary(trusts.map { ($0.odsCode, $0) }, uniquingKeysWith: { a, _ in a })
        var byTrust: [String: [RankingRecord]] = [:]
        var byQT: [QuarterTable: [RankingRecord]] = [:]
        for r in sortedRankings {
            byTrust[r.odsCode, default: []].append(r)
            byQT[QuarterTable(r.quarter, r.table), default: []].append(r)
        }
        self.rankingsByTrust = byTrust
        self.rankingsByQuarterTable = byQT
        self.quarterInfoByQuarter = Dictionary(quarters.map { ($0.quarter, $0) }, uniquingKeysWith: { a, _ in a })
        // Who runs each site and the site lookups read only the sites: built at the same time
        // (they are most of this build, which every index after it waits for).
        let outsideEngland = SitesOutsideEngland.countries(
            of: sortedSites, sectors: postcodeSectors, districts: postcodeDistricts)
        self.sitesOutsideEngland = outsideEngland
        self.trustsOutsideEngland = SitesOutsideEngland.countries(
            of: trusts.map { ($0.odsCode, $0.hqPostcode) }, sectors: postcodeSectors, districts: postcodeDistricts)
        let ((operators, mainSites), (lookup, byParent)) = Concurrently.run(
            { () -> ([String: SiteOperators], [String: [Int32]]) in
                let operators = Dataset.assignOperators(sortedSites)
                return (
                    operators,
                    Dataset.mainSitePositions(sortedSites, operators: operators, outsideEngland: outsideEngland)
                )
            },
            { (SiteLookup(sites: sortedSites), Dataset.positionsByParent(sortedSites)) })
        self.sitesByCode = lookup
        self.sitePositionsByParent = byParent
        self.siteOperators = operators
        self.mainSitePositionsByTrust = mainSites
        self.successorsByOldCode = Dictionary(grouping: successors, by: { $0.oldCode })
        self.predecessorsBySuccessorCode = Dictionary(grouping: successors, by: { $0.successorCode })
        var byActionTrust: [String: [ActionRecord]] = [:]
        for a in actions { if let c = a.odsCode { byActionTrust[c, default: []].append(a) } }
        for (k, v) in byActionTrust {
            byActionTrust[k] = v.sorted { l, r in
                switch (l.date, r.date) {
                case (let a?, let b?): return a != b ? a > b : l.title < r.title
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return l.title < r.title
                }
            }
        }
        self.actionsByTrust = byActionTrust
        self.aliasesByKey = Dictionary(grouping: aliases, by: { $0.alias.uppercased() })
    }

    // MARK: lookups

    /// The newest published quarter.
    public var latestQuarter: QuarterInfo? { quarters.last }

    /// Trust by ODS code (case-insensitive, surrounding spaces ignored).
    public func trust(_ odsCode: String) -> TrustRecord? {
        trustsByCode[Dataset.normaliseCode(odsCode)]
    }

    /// All rankings of a trust, oldest first.
    public func rankings(for odsCode: String) -> [RankingRecord] {
        rankingsByTrust[Dataset.normaliseCode(odsCode)] ?? []
    }

    /// One quarter's table, by league position.
    public func table(_ table: TableKind, quarter: Quarter) -> [RankingRecord] {
        rankingsByQuarterTable[QuarterTable(quarter, table)] ?? []
    }

    /// Quarter metadata.
    public func quarterInfo(_ quarter: Quarter) -> QuarterInfo? { quarterInfoByQuarter[quarter] }

    /// Domain definitions of a domain set ("2025/26", "2026/27"), in display order.
    public func domainDefinitions(domainSet: String) -> [DomainDefinition] {
        domains.filter { $0.domainSet == domainSet }
    }

    /// Domain definition for a quarter and key.
    public func domainDefinition(quarter: Quarter, key: String) -> DomainDefinition? {
        guard let set = quarterInfo(quarter)?.domainSet else { return nil }
        return domains.first { $0.domainSet == set && $0.key == key }
    }

    /// The newest quarter that has rows in the given table.
    public func newestQuarter(for table: TableKind) -> Quarter? {
        rankingsByQuarterTable.keys.filter { $0.table == table }.map(\.quarter).max()
    }

    /// Every (quarter, table) pair that has rows, oldest first.
    public var quarterTables: [QuarterTable] { rankingsByQuarterTable.keys.sorted() }

    /// Coverage of one quarter's table; nil if the table has no rows that quarter.
    public func coverage(quarter: Quarter, table: TableKind) -> Coverage? {
        guard let rows = rankingsByQuarterTable[QuarterTable(quarter, table)], !rows.isEmpty else { return nil }
        return Coverage(
            quarter: quarter, table: table, tableSize: rows[0].tableSize,
            withPosition: rows.filter { $0.leaguePosition != nil }.count,
            withSegment: rows.filter { $0.segment != nil }.count,
            withScore: rows.filter { $0.averageMetricScore != nil }.count,
            withDomainScores: rows.filter { $0.domains.contains { $0.score != nil } }.count,
            withDomainSegments: rows.filter { $0.domains.contains { $0.segment != nil } }.count)
    }

    /// Coverage of every quarter and table, oldest first.
    public var coverage: [Coverage] { quarterTables.compactMap { coverage(quarter: $0.quarter, table: $0.table) } }

    /// The newest ranking of a trust. When the newest published quarter of its table has no row
    /// for it, `note` says so and names its successor (e.g. RNK, RY2, RYV in Q1 2026/27).
    public func latestRanking(for odsCode: String) -> LatestRanking? {
        let code = Dataset.normaliseCode(odsCode)
        guard let last = rankingsByTrust[code]?.last,
            let newest = newestQuarter(for: last.table)
        else { return nil }
        let succ = successorsByOldCode[code] ?? []
        var note: String?
        if last.quarter != newest {
            var text = "No \(newest.label) ranking for \(code)"
            let trust = trustsByCode[code]
            if let closed = trust?.closeDate {
                text += ": the trust closed on \(closed.iso)"
            }
            if !succ.isEmpty {
                let names = succ.map { s -> String in
                    let n = trustsByCode[s.successorCode]?.displayName ?? s.successorName
                    let when = s.effectiveDate.map { " from \($0.iso)" } ?? ""
                    let how = s.evidence == "ods_succ" ? "" : " (inferred, not yet in the ODS successor file)"
                    return "\(n) (\(s.successorCode))\(when)\(how)"
                }
                text +=
                    (trust?.closeDate == nil ? "; " : " and ") + "its successor is " + names.joined(separator: " and ")
            }
            text += ". Showing \(last.quarter.label), the newest quarter that ranks it."
            note = text
        }
        return LatestRanking(ranking: last, newestPublishedQuarter: newest, successors: succ, note: note)
    }

    /// Sites whose current parent is the trust.
    public func sites(parent odsCode: String) -> [SiteRecord] {
        (sitePositionsByParent[Dataset.normaliseCode(odsCode)] ?? []).map { sites[Int($0)] }
    }

    /// How many sites have the trust as their current parent (`sites(parent:).count`, without the copies).
    public func siteCount(parent odsCode: String) -> Int {
        sitePositionsByParent[Dataset.normaliseCode(odsCode)]?.count ?? 0
    }

    /// The open inpatient sites the trust is the main operator of (`MainOperatorRule`).
    public func mainSites(of odsCode: String) -> [SiteRecord] {
        (mainSitePositionsByTrust[Dataset.normaliseCode(odsCode)] ?? []).map { sites[Int($0)] }
    }

    /// Positions in `sites` per current parent ODS code.
    static func positionsByParent(_ sites: [SiteRecord]) -> [String: [Int32]] {
        var byParent: [String: [Int32]] = [:]
        for (i, s) in sites.enumerated() {
            if let p = s.currentParentODSCode { byParent[p, default: []].append(Int32(i)) }
        }
        return byParent
    }

    /// Positions in `sites` of the open inpatient sites per main operator, hospitals first, then by name.
    static func mainSitePositions(
        _ sites: [SiteRecord], operators: [String: SiteOperators], outsideEngland: [String: PostcodeCountry]
    ) -> [String: [Int32]] {
        var mainSites: [String: [Int32]] = [:]
        for (i, s) in sites.enumerated() where s.isOpen && s.kind.isInpatient && outsideEngland[s.siteCode] == nil {
            if let op = operators[s.siteCode], op.mainOperatorConfirmed {
                mainSites[op.mainOperator, default: []].append(Int32(i))
            }
        }
        for (k, positions) in mainSites {
            // Each site's sort key is read once: a comparator reading `sites[i]` copied two
            // whole records (~0.5 kB, a dozen strings retained and released) per comparison.
            // Same comparisons on the same order, so the same result.
            let keyed = positions.map { i in (position: i, key: sites[Int(i)].placeOrder) }
            mainSites[k] = keyed.sorted { $0.key < $1.key }.map(\.position)
        }
        return mainSites
    }

    /// Applies `MainOperatorRule` to every open site, given the hospital reporters at its postcode.
    static func assignOperators(_ sites: [SiteRecord]) -> [String: SiteOperators] {
        // Rule 2 reads only which trusts report a hospital at the postcode: worked out once per
        // postcode from the few hundred reporting hospitals. Grouping every open site by postcode
        // copied each ~0.5 kB record into its group, a third of the load's `Dataset` build.
        var reporters: [String: Set<String>] = [:]
        var ericReporters: [String: Set<String>] = [:]
        for i in sites.indices where MainOperatorRule.reportsSite(sites[i]) {
            guard let p = sites[i].postcode else { continue }
            ericReporters[p, default: []].insert(sites[i].currentParentODSCode!)
            if MainOperatorRule.reportsHospital(sites[i]) {
                reporters[p, default: []].insert(sites[i].currentParentODSCode!)
            }
        }
        var out: [String: SiteOperators] = [:]
        out.reserveCapacity(sites.count)
        for i in sites.indices where sites[i].isOpen && sites[i].currentParentODSCode != nil {
            let postcode = MainOperatorRule.needsNeighbours(sites[i]) ? sites[i].postcode : nil
            out[sites[i].siteCode] = MainOperatorRule.operators(
                of: sites[i], hospitalReporters: postcode.flatMap { reporters[$0] } ?? [],
                ericReporters: postcode.flatMap { ericReporters[$0] } ?? [])
        }
        return out
    }

    /// Every trust a closed trust's services went to today (more than one where it split, as
    /// Pennine Acute did to Manchester University and Northern Care Alliance); the code itself when
    /// it is open or has no succession.
    public func currentTrusts(for odsCode: String) -> [String] {
        var out: [String] = []
        var stack = [Dataset.normaliseCode(odsCode)]
        var seen = Set(stack)
        while let code = stack.popLast() {
            let next = trustsByCode[code]?.isOpen == true ? [] : (successorsByOldCode[code] ?? [])
            if next.isEmpty { if !out.contains(code) { out.append(code) }; continue }
            for n in next.reversed() where seen.insert(n.successorCode).inserted { stack.append(n.successorCode) }
        }
        return out
    }

    /// Today's trust for a trust code: the code itself when it is open (or has no succession),
    /// else (closed, or open status unknown as for TAF) the end of its successor chain, with the steps taken (oldest first). Where a trust
    /// split, the first successor in `successors.csv` order is followed.
    public func currentTrust(for odsCode: String) -> (code: String, steps: [SuccessorRecord]) {
        var code = Dataset.normaliseCode(odsCode)
        // Most codes asked for are open trusts (every site's at each load): answered without the
        // cycle guard's set.
        if trustsByCode[code]?.isOpen == true { return (code, []) }
        var steps: [SuccessorRecord] = []
        var seen: Set<String> = [code]
        while trustsByCode[code]?.isOpen != true, let next = successorsByOldCode[code]?.first,
            seen.insert(next.successorCode).inserted
        {
            steps.append(next)
            code = next.successorCode
        }
        return (code, steps)
    }

    /// Actions for a trust, newest first.
    public func actions(for odsCode: String) -> [ActionRecord] { actionsByTrust[Dataset.normaliseCode(odsCode)] ?? [] }

    /// Aliases matching a text (case-insensitive, exact).
    public func aliases(matching text: String) -> [AliasRecord] {
        aliasesByKey[text.trimmingCharacters(in: .whitespaces).uppercased()] ?? []
    }

    /// Follows successions from a code to the open trust(s) that carry it on today.
    /// Returns the code itself when it has no successor.
    public func currentSuccessors(of odsCode: String) -> [String] {
        var result: [String] = []
        var seen: Set<String> = []
        func walk(_ c: String) {
            guard seen.insert(c).inserted else { return }
            let next = successorsByOldCode[c] ?? []
            if next.isEmpty { result.append(c) } else { next.forEach { walk($0.successorCode) } }
        }
        walk(Dataset.normaliseCode(odsCode))
        return result.sorted()
    }

    /// Upper-cases and trims an ODS or site code.
    public static func normaliseCode(_ code: String) -> String {
        // Fast path: already trimmed upper-case ASCII (the canonical files).
        if !code.isEmpty && code.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }) {
            return code
        }
        return code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }
}
