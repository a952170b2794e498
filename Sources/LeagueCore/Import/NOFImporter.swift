import Foundation

/// What to import, and where.
public struct ImportOptions: Sendable {
    /// Dataset directory to update (a copy of the embedded dataset, or a served `--data` folder).
    public var dataDirectory: URL
    /// NHS England long-format `…-trust-data.csv`.
    public var trustData: URL
    /// NHS England `…-league-table.csv` (deficit flag and likely ranges; cross-checked).
    public var leagueTable: URL?
    /// Only these quarters; nil imports every quarter in the file.
    public var quarters: Set<Quarter>?
    public var mapping: ImportMapping
    /// Report what would change; write nothing.
    public var dryRun = false
    /// Add trusts that are not in trusts.csv (otherwise the import is refused).
    public var allowNewTrusts = false
    /// Publication date for quarters the import adds to quarters.csv.
    public var published: CalendarDate?
    /// Source text for the imported ranking rows (default names the trust-data file).
    public var source: String?
    /// Text appended (after "; ") to the source of rows that took values from the league table.
    public var leagueTableSource: String?

    public init(
        dataDirectory: URL, trustData: URL, leagueTable: URL? = nil, quarters: Set<Quarter>? = nil,
        mapping: ImportMapping
    ) {
        self.dataDirectory = dataDirectory
        self.trustData = trustData
        self.leagueTable = leagueTable
        self.quarters = quarters
        self.mapping = mapping
    }
}

/// What an import changed (or, with `dryRun`, would change).
public struct ImportReport: Sendable, CustomStringConvertible {
    public struct TableChange: Sendable, Equatable {
        public var quarterTable: QuarterTable
        public var added = 0
        public var replaced = 0
        public var unchanged = 0
        /// Of `replaced`, rows whose only difference is the `source` text.
        public var sourceOnly = 0
        /// Rows not in the import whose derived columns (table_size, joint_position) changed.
        public var otherRowsUpdated = 0
        public var tableSize = 0
    }
    public struct DomainChange: Sendable, Equatable {
        public var quarter: Quarter
        public var added = 0
        public var replaced = 0
        public var unchanged = 0
        /// Of `replaced`, rows whose only difference is the `source` text.
        public var sourceOnly = 0
        /// Existing domain rows of imported trusts for which the import has no value (kept).
        public var keptNotInImport = 0
    }
    public var tables: [TableChange] = []
    public var domains: [DomainChange] = []
    public var quartersAdded: [String] = []
    public var trustsAdded: [String] = []
    /// Files whose bytes differ from the dataset's (written unless `dryRun`).
    public var changedFiles: [String] = []
    public var warnings: [String] = []
    public var dryRun = false
    public var dataDirectory: String = ""

    public var changed: Bool { !changedFiles.isEmpty }

    public var description: String {
        var out: [String] = []
        for t in tables {
            var s =
                "\(t.quarterTable): \(t.added) added, \(t.replaced) replaced\(t.sourceOnly > 0 ? " (\(t.sourceOnly) only in source text)" : ""), \(t.unchanged) unchanged (table size \(t.tableSize))"
            if t.otherRowsUpdated > 0 { s += "; \(t.otherRowsUpdated) other rows' table_size/joint_position updated" }
            out.append(s)
        }
        for d in domains {
            var s =
                "\(d.quarter.label) domain scores: \(d.added) added, \(d.replaced) replaced\(d.sourceOnly > 0 ? " (\(d.sourceOnly) only in source text)" : ""), \(d.unchanged) unchanged"
            if d.keptNotInImport > 0 { s += "; \(d.keptNotInImport) existing rows kept (no value in the import)" }
            out.append(s)
        }
        if !quartersAdded.isEmpty {
            out.append("quarters added to quarters.csv: \(quartersAdded.joined(separator: ", "))")
        }
        if !trustsAdded.isEmpty { out.append("trusts added to trusts.csv: \(trustsAdded.joined(separator: ", "))") }
        for w in warnings { out.append("warning: \(w)") }
        if changedFiles.isEmpty {
            out.append("no change: \(dataDirectory) already holds exactly these rows")
        } else if dryRun {
            out.append("dry run: would rewrite \(changedFiles.joined(separator: ", ")) in \(dataDirectory) (validated)")
        } else {
            out.append("validated and wrote \(changedFiles.joined(separator: ", ")) in \(dataDirectory)")
        }
        return out.joined(separator: "\n")
    }
}

/// Imports NHS England's published NOF files into a canonical dataset directory.
///
/// Rows for the same (quarter, table, ods_code) in rankings.csv and (quarter, ods_code, domain)
/// in domain_scores.csv are replaced, all other rows are kept byte for byte. Output is sorted and
/// quoted exactly as `tools/build_dataset.py` writes it, so importing the file the dataset was
/// built from changes nothing, and importing the same file twice changes nothing. The merged
/// files are validated with `DatasetLoader.load` in a scratch directory before anything is written.
public enum NOFImporter {
    public static let rankingsColumns = [
        "quarter", "table", "table_size", "ods_code", "trust_name_as_published", "segment",
        "league_position", "joint_position", "average_metric_score", "source",
    ]

    /// Reads, merges, validates and (unless `dryRun`) writes.
    public static func run(_ options: ImportOptions) throws -> ImportReport {
        let published = try PublishedFileReader(mapping: options.mapping, quarters: options.quarters)
            .read(trustData: options.trustData, leagueTable: options.leagueTable)
        if published.rankings.isEmpty {
            let which = options.quarters.map { " for " + $0.sorted().map(\.label).joined(separator: ", ") } ?? ""
            throw ImportError(
                kind: .invalidInput,
                message:
                    "\(options.trustData.lastPathComponent) has no adjusted-segment rows\(which): nothing to import")
        }
        var (files, report) = try merge(published, options: options)
        report.dryRun = options.dryRun
        report.dataDirectory = options.dataDirectory.path
        guard report.changed else { return report }
        try validate(changed: files, in: options.dataDirectory)
        if !options.dryRun {
            for name in report.changedFiles {
                let url = options.dataDirectory.appendingPathComponent(name)
                do { try files[name]!.write(to: url, options: .atomic) } catch {
                    throw ImportError(kind: .io, message: "cannot write \(url.path): \(error.localizedDescription)")
                }
            }
        }
        files.removeAll()
        return report
    }

    // MARK: merge

    static func readDocument(_ dir: URL, _ name: String, required: [String]) throws -> (CSVDocument, Data) {
        let url = dir.appendingPathComponent(name)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(
                kind: .io,
                message:
                    "cannot read \(url.path) (is --data a dataset directory? start from a copy of the embedded dataset)"
            )
        }
        return (try CSVDocument(file: name, data: data, required: required), data)
    }

    /// Builds the new file contents. Returns only the files whose bytes change, and the report.
    static func merge(_ published: PublishedData, options: ImportOptions) throws -> ([String: Data], ImportReport) {
        let dir = options.dataDirectory
        let mapping = options.mapping
        var report = ImportReport()
        report.warnings = published.warnings
        var (rankings, rankingsData) = try readDocument(dir, "rankings.csv", required: rankingsColumns)
        var (domainScores, domainData) = try readDocument(
            dir, "domain_scores.csv", required: ["quarter", "ods_code", "domain", "score", "segment", "source"])
        var (quarters, quartersData) = try readDocument(dir, "quarters.csv", required: ["quarter", "domain_set"])
        var (trusts, trustsData) = try readDocument(dir, "trusts.csv", required: ["ods_code", "name", "source"])
        let (domains, _) = try readDocument(dir, "domains.csv", required: ["domain_set", "key", "display_order"])

        let trustFile = options.trustData.lastPathComponent
        let baseSource =
            options.source
            ?? "NHS England NOF \(trustFile) (imported with nhs-league-server import); league_position = Rank on the Adjusted segment row"
        let leagueSource =
            options.leagueTableSource
            ?? options.leagueTable.map {
                "deficit flag / likely ranges from (and values cross-checked against) NHS England \($0.lastPathComponent)"
            }
        func sourceText(_ r: ImportedRanking) -> String {
            if r.fromLeagueTable, let leagueSource { return baseSource + "; " + leagueSource }
            return baseSource
        }
        let domainSuffix = mapping.domainSourceSuffix ?? ""

        // quarters.csv: add quarters the dataset does not have yet.
        var domainSetOf: [Quarter: String] = [:]
        for row in quarters.rows {
            if let q = Quarter(parsing: quarters.value(row, "quarter")) {
                domainSetOf[q] = quarters.value(row, "domain_set")
            }
        }
        let importedQuarters = Set(published.rankings.map(\.quarter)).sorted()
        for q in importedQuarters where domainSetOf[q] == nil {
            let set = mapping.domainSet(forFiscalYear: q.fiscalYear)?.name ?? q.fiscalYear
            domainSetOf[q] = set
            quarters.rows.append(
                quarters.makeRow([
                    "quarter": q.label, "fiscal_year": q.fiscalYear, "quarter_number": String(q.number),
                    "period_start": q.periodStart.iso, "period_end": q.periodEnd.iso, "period_text": periodText(q),
                    "published": options.published?.iso ?? "", "domain_set": set, "note": "",
                    "source": "NHS England NOF \(trustFile) (imported with nhs-league-server import)",
                ]))
            report.quartersAdded.append(q.label)
        }
        let quartersView = quarters
        quarters.rows.sort {
            quarterRank(quartersView.value($0, "quarter")) < quarterRank(quartersView.value($1, "quarter"))
        }

        // trusts.csv: every imported code must be known, unless new trusts are allowed.
        let known = Set(trusts.rows.map { Dataset.normaliseCode(trusts.value($0, "ods_code")) })
        var unknown: [String: ImportedRanking] = [:]
        for r in published.rankings where !known.contains(r.odsCode) {
            if let seen = unknown[r.odsCode], seen.quarter >= r.quarter { continue }
            unknown[r.odsCode] = r  // latest quarter wins
        }
        if !unknown.isEmpty {
            let list = unknown.values.sorted { $0.line < $1.line }
            guard options.allowNewTrusts else {
                throw ImportError(
                    kind: .unknownTrusts,
                    message:
                        "refused: \(list.count) trust code\(list.count == 1 ? " is" : "s are") not in trusts.csv. Add \(list.count == 1 ? "it" : "them") to trusts.csv from the ODS list (or rebuild the dataset), or pass --allow-new-trusts to add minimal rows",
                    issues: list.map {
                        DatasetIssue(
                            file: trustFile, line: $0.line,
                            message:
                                "unknown trust \($0.odsCode) (\($0.trustName), \($0.quarter.label) \($0.table.rawValue)) is not in trusts.csv"
                        )
                    })
            }
            for r in list.sorted(by: { $0.odsCode < $1.odsCode }) {
                let upper = r.trustName == r.trustName.uppercased()
                trusts.rows.append(
                    trusts.makeRow([
                        "ods_code": r.odsCode, "name": r.trustName,
                        "display_name": upper ? titleCase(r.trustName) : r.trustName,
                        "display_name_method": upper ? "title_cased_from_league_name" : "as_published_in_league",
                        "in_ods_etr": "N", "nhs_region": r.region, "nof_table": r.table.rawValue,
                        "nof_trust_type": r.trustType, "nof_trust_subtype": r.trustSubtype,
                        "source":
                            "NHS England NOF \(trustFile) (\(r.quarter.label)), added by nhs-league-server import --allow-new-trusts",
                        "note": "not in trusts.csv when imported: open/close dates and HQ unknown; check the ODS list",
                    ]))
                report.trustsAdded.append(r.odsCode)
            }
            let codeColumn = trusts.index["ods_code"]!
            trusts.rows.sort { $0[codeColumn].utf8.lexicographicallyPrecedes($1[codeColumn].utf8) }
        }

        // rankings.csv
        func rankingKey(_ row: [String]) -> String {
            "\(rankings.value(row, "quarter"))|\(rankings.value(row, "table"))|\(Dataset.normaliseCode(rankings.value(row, "ods_code")))"
        }
        let original = Dictionary(rankings.rows.map { (rankingKey($0), $0) }, uniquingKeysWith: { a, _ in a })
        var position: [String: Int] = [:]
        for (i, row) in rankings.rows.enumerated() { position[rankingKey(row)] = i }
        var importedKeys: Set<String> = []
        var affected: Set<String> = []  // "quarter|table"
        for r in published.rankings {
            let row = rankings.makeRow([
                "quarter": r.quarter.label, "table": r.table.rawValue, "ods_code": r.odsCode,
                "trust_name_as_published": r.trustName, "nhs_region": r.region, "nof_trust_type": r.trustType,
                "nof_trust_subtype": r.trustSubtype, "segment": r.segment, "league_position": r.leaguePosition,
                "average_metric_score": r.averageMetricScore, "unadjusted_segment": r.unadjustedSegment,
                "financial_override": r.financialOverride, "final_segment_score_override": r.finalSegmentScoreOverride,
                "recovery_support_programme": r.recoverySupportProgramme, "financial_deficit": r.financialDeficit,
                "likely_range_of_average_score": r.likelyRangeOfAverageScore,
                "likely_range_of_league_position": r.likelyRangeOfLeaguePosition, "source": sourceText(r),
            ])
            let key = rankingKey(row)
            importedKeys.insert(key)
            affected.insert("\(r.quarter.label)|\(r.table.rawValue)")
            if let i = position[key] {
                rankings.rows[i] = row
            } else {
                position[key] = rankings.rows.count
                rankings.rows.append(row)
            }
        }
        // Derived columns of every table the import touches.
        var groupSize: [String: Int] = [:]
        var positionCount: [String: Int] = [:]
        for row in rankings.rows {
            let g = "\(rankings.value(row, "quarter"))|\(rankings.value(row, "table"))"
            guard affected.contains(g) else { continue }
            groupSize[g, default: 0] += 1
            let p = rankings.value(row, "league_position")
            if !p.isEmpty { positionCount[g + "|" + p, default: 0] += 1 }
        }
        for i in rankings.rows.indices {
            var row = rankings.rows[i]
            let g = "\(rankings.value(row, "quarter"))|\(rankings.value(row, "table"))"
            guard let size = groupSize[g] else { continue }
            rankings.set(&row, "table_size", String(size))
            let p = rankings.value(row, "league_position")
            rankings.set(&row, "joint_position", p.isEmpty ? "" : (positionCount[g + "|" + p]! > 1 ? "Y" : "N"))
            rankings.rows[i] = row
        }
        var tableChanges: [QuarterTable: ImportReport.TableChange] = [:]
        for row in rankings.rows {
            guard let q = Quarter(parsing: rankings.value(row, "quarter")),
                let t = TableKind(parsing: rankings.value(row, "table"))
            else { continue }
            let g = "\(rankings.value(row, "quarter"))|\(rankings.value(row, "table"))"
            guard let size = groupSize[g] else { continue }
            let qt = QuarterTable(q, t)
            var c = tableChanges[qt] ?? ImportReport.TableChange(quarterTable: qt)
            c.tableSize = size
            let key = rankingKey(row)
            let before = original[key]
            if importedKeys.contains(key) {
                if let before {
                    if before == row {
                        c.unchanged += 1
                    } else {
                        c.replaced += 1
                        if sameExceptSource(before, row, rankings.index["source"]) { c.sourceOnly += 1 }
                    }
                } else {
                    c.added += 1
                }
            } else if before != row {
                c.otherRowsUpdated += 1
            }
            tableChanges[qt] = c
        }
        report.tables = tableChanges.values.sorted { $0.quarterTable < $1.quarterTable }
        let rankingsView = rankings
        rankings.rows.sort { a, b in
            let rankings = rankingsView
            let ka = (
                quarterRank(rankings.value(a, "quarter")), tableRank(rankings.value(a, "table")),
                Int(rankings.value(a, "league_position")) ?? 1_000_000
            )
            let kb = (
                quarterRank(rankings.value(b, "quarter")), tableRank(rankings.value(b, "table")),
                Int(rankings.value(b, "league_position")) ?? 1_000_000
            )
            if ka != kb { return ka < kb }
            return rankings.value(a, "ods_code").utf8.lexicographicallyPrecedes(rankings.value(b, "ods_code").utf8)
        }

        // domain_scores.csv
        func domainKey(_ row: [String]) -> String {
            "\(domainScores.value(row, "quarter"))|\(Dataset.normaliseCode(domainScores.value(row, "ods_code")))|\(domainScores.value(row, "domain"))"
        }
        var domainIndex: [String: Int] = [:]
        for (i, row) in domainScores.rows.enumerated() { domainIndex[domainKey(row)] = i }
        var domainChanges: [Quarter: ImportReport.DomainChange] = [:]
        var importedDomainKeys: Set<String> = []
        let importedTrustQuarters = Set(published.rankings.map { "\($0.quarter.label)|\($0.odsCode)" })
        for r in published.rankings {
            var c = domainChanges[r.quarter] ?? ImportReport.DomainChange(quarter: r.quarter)
            for d in r.domains {
                let row = domainScores.makeRow([
                    "quarter": r.quarter.label, "ods_code": r.odsCode, "domain": d.key,
                    "score": d.score, "segment": d.segment, "source": sourceText(r) + domainSuffix,
                ])
                let key = domainKey(row)
                importedDomainKeys.insert(key)
                if let i = domainIndex[key] {
                    if domainScores.rows[i] == row {
                        c.unchanged += 1
                    } else {
                        c.replaced += 1
                        if sameExceptSource(domainScores.rows[i], row, domainScores.index["source"]) {
                            c.sourceOnly += 1
                        }
                        domainScores.rows[i] = row
                    }
                } else {
                    c.added += 1
                    domainIndex[key] = domainScores.rows.count
                    domainScores.rows.append(row)
                }
            }
            domainChanges[r.quarter] = c
        }
        for row in domainScores.rows where !importedDomainKeys.contains(domainKey(row)) {
            let tq =
                "\(domainScores.value(row, "quarter"))|\(Dataset.normaliseCode(domainScores.value(row, "ods_code")))"
            if importedTrustQuarters.contains(tq), let q = Quarter(parsing: domainScores.value(row, "quarter")) {
                domainChanges[q]?.keptNotInImport += 1
            }
        }
        report.domains = domainChanges.values.sorted { $0.quarter < $1.quarter }
        var displayOrder: [String: Int] = [:]
        for row in domains.rows {
            displayOrder[domains.value(row, "domain_set") + "|" + domains.value(row, "key")] =
                Int(domains.value(row, "display_order")) ?? 1_000_000
        }
        var quarterSet: [String: String] = [:]
        for (q, s) in domainSetOf { quarterSet[q.label] = s }
        let domainView = domainScores
        func domainOrder(_ row: [String]) -> Int {
            let q = domainView.value(row, "quarter")
            return displayOrder[(quarterSet[q] ?? "") + "|" + domainView.value(row, "domain")] ?? 1_000_000
        }
        domainScores.rows.sort { a, b in
            let domainScores = domainView
            let qa = quarterRank(domainScores.value(a, "quarter")), qb = quarterRank(domainScores.value(b, "quarter"))
            if qa != qb { return qa < qb }
            let oa = domainScores.value(a, "ods_code"), ob = domainScores.value(b, "ods_code")
            if oa != ob { return oa.utf8.lexicographicallyPrecedes(ob.utf8) }
            return domainOrder(a) < domainOrder(b)
        }

        var files: [String: Data] = [:]
        for (doc, before) in [
            (rankings, rankingsData), (domainScores, domainData), (quarters, quartersData), (trusts, trustsData),
        ] {
            let after = doc.render()
            if after != before { files[doc.file] = after }
        }
        report.changedFiles = files.keys.sorted()
        return (files, report)
    }

    // MARK: validation

    /// Copies the dataset to a scratch directory, overlays the changed files and loads it.
    static func validate(changed files: [String: Data], in dir: URL) throws {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent(
            "nhs-league-import-\(UUID().uuidString)", isDirectory: true)
        defer { try? fm.removeItem(at: scratch) }
        do {
            try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
            for name in DatasetLoader.fileNames {
                let target = scratch.appendingPathComponent(name)
                if let data = files[name] {
                    try data.write(to: target)
                } else if fm.fileExists(atPath: dir.appendingPathComponent(name).path) {
                    try fm.copyItem(at: dir.appendingPathComponent(name), to: target)
                }
            }
        } catch {
            throw ImportError(
                kind: .io,
                message: "cannot prepare the validation copy in \(scratch.path): \(error.localizedDescription)")
        }
        do {
            _ = try DatasetLoader.load(from: scratch)
        } catch let e as DatasetError {
            throw ImportError(
                kind: .validationFailed,
                message:
                    "refused: the merged dataset would be invalid (\(e.issues.count) problem\(e.issues.count == 1 ? "" : "s"), line numbers refer to the files as they would be written); nothing was written",
                issues: e.issues)
        }
    }

    // MARK: helpers

    static func sameExceptSource(_ a: [String], _ b: [String], _ source: Int?) -> Bool {
        guard let source, a.count == b.count else { return false }
        return a.indices.allSatisfy { $0 == source || a[$0] == b[$0] }
    }

    static func quarterRank(_ label: String) -> Int {
        guard let q = Quarter(parsing: label) else { return Int.max }
        return q.fiscalYearStart * 4 + q.number
    }

    static func tableRank(_ label: String) -> Int {
        TableKind(parsing: label)?.sortIndex ?? 99
    }

    static let months = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    /// `January to March 2026`, as in quarters.csv.
    public static func periodText(_ q: Quarter) -> String {
        "\(months[q.periodStart.month - 1]) to \(months[q.periodEnd.month - 1]) \(q.periodEnd.year)"
    }

    /// The converter's mechanical title case of an upper-case name.
    static func titleCase(_ name: String) -> String {
        let small: Set<String> = ["and", "of", "the", "upon", "on", "in", "for", "with", "at"]
        let upper: Set<String> = ["NHS", "UK"]
        return name.split(separator: " ", omittingEmptySubsequences: false).enumerated().map { i, w in
            let word = String(w)
            if upper.contains(word.uppercased()) { return word.uppercased() }
            let low = word.lowercased()
            if i > 0 && small.contains(low) { return low }
            return low.split(separator: "-", omittingEmptySubsequences: false).map {
                $0.prefix(1).uppercased() + $0.dropFirst()
            }.joined(separator: "-")
        }.joined(separator: " ")
    }
}
