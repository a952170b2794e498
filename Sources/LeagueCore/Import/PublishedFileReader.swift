import Foundation

/// One domain result read from a published file (values as published, blanks stay blank).
public struct ImportedDomain: Sendable, Equatable {
    public var key: String
    public var score: String
    public var segment: String
}

/// One trust's league row for one quarter, read from the published files.
/// Values are canonical text: whole numbers without ".0", flags Y/N, scores exactly as published.
public struct ImportedRanking: Sendable, Equatable {
    public var quarter: Quarter
    public var table: TableKind
    public var odsCode: String
    public var trustName: String
    public var region: String
    public var trustType: String
    public var trustSubtype: String
    public var segment: String
    public var leaguePosition: String
    public var averageMetricScore: String
    public var unadjustedSegment: String = ""
    public var financialOverride: String = ""
    public var finalSegmentScoreOverride: String = ""
    public var recoverySupportProgramme: String = ""
    public var financialDeficit: String = ""
    public var likelyRangeOfAverageScore: String = ""
    public var likelyRangeOfLeaguePosition: String = ""
    /// Domain results in the mapping's domain order (only domains with a score or a segment).
    public var domains: [ImportedDomain] = []
    /// True when the league-table file supplied values for this row.
    public var fromLeagueTable = false
    /// Line of the adjusted-segment row in the trust-data file.
    public var line: Int
}

/// What the published files hold, after mapping.
public struct PublishedData: Sendable {
    public var rankings: [ImportedRanking]
    /// Non-fatal observations (e.g. positions that do not re-derive).
    public var warnings: [String]
}

/// Reads NHS England's long-format trust-data CSV and (optionally) its league-table CSV.
public struct PublishedFileReader: Sendable {
    public var mapping: ImportMapping
    /// Only these quarters (nil: every quarter in the file).
    public var quarters: Set<Quarter>?

    public init(mapping: ImportMapping, quarters: Set<Quarter>? = nil) {
        self.mapping = mapping
        self.quarters = quarters
    }

    private enum Field: String, CaseIterable {
        case segment, averageMetricScore, unadjustedSegment, financialOverride, finalSegmentScoreOverride,
            recoverySupportProgramme
    }

    private struct Cell { var value: String; var rank: String; var line: Int }

    private struct TrustQuarter {
        var quarter: Quarter
        var code: String
        var firstLine: Int
        var identity: (name: String, region: String, type: String, subtype: String, line: Int)?
        var fields: [Field: Cell] = [:]
        var domainScore: [String: Cell] = [:]
        var domainSegment: [String: Cell] = [:]
    }

    /// Reads the files; throws `ImportError(.invalidInput)` listing every `file:line` problem.
    public func read(trustData: URL, leagueTable: URL?) throws -> PublishedData {
        var issues: [DatasetIssue] = []
        var warnings: [String] = []
        var rankings = try readTrustData(trustData, issues: &issues, warnings: &warnings)
        if let leagueTable {
            try applyLeagueTable(leagueTable, to: &rankings, issues: &issues)
        }
        if !issues.isEmpty {
            let sorted = issues.sorted { ($0.file, $0.line, $0.message) < ($1.file, $1.line, $1.message) }
            throw ImportError(
                kind: .invalidInput,
                message:
                    "the published file\(leagueTable == nil ? " is" : "s are") not usable: \(sorted.count) problem\(sorted.count == 1 ? "" : "s")",
                issues: sorted)
        }
        warnings += Self.positionWarnings(rankings)
        return PublishedData(rankings: rankings, warnings: warnings)
    }

    // MARK: CSV with mapped columns

    struct MappedTable {
        var file: String
        var records: [CSVRecord]
        var index: [String: Int]
    }

    /// Parses a file and resolves logical columns through their alternatives.
    func mappedTable(_ url: URL, columns: [(String, [String])], optional: Set<String>, issues: inout [DatasetIssue])
        throws -> MappedTable
    {
        let file = url.lastPathComponent
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(kind: .io, message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        let parsed = CSVParser.parse(data)
        for e in parsed.errors { issues.append(DatasetIssue(file: file, line: e.line, message: e.message)) }
        guard let header = parsed.records.first, header.line == 1 else {
            issues.append(DatasetIssue(file: file, line: 1, message: "missing header row"))
            return MappedTable(file: file, records: [], index: [:])
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        for (logical, alternatives) in columns {
            if let i = alternatives.lazy.compactMap({ names.firstIndex(of: $0.lowercased()) }).first {
                index[logical] = i
            } else if !optional.contains(logical) {
                issues.append(
                    DatasetIssue(
                        file: file, line: 1,
                        message:
                            "missing column for \(logical): none of \(alternatives.map { "'\($0)'" }.joined(separator: ", ")) is in the header (add the new name to the mapping)"
                    ))
            }
        }
        var records: [CSVRecord] = []
        for rec in parsed.records.dropFirst() {
            if rec.fields.count != header.fields.count {
                issues.append(
                    DatasetIssue(
                        file: file, line: rec.line,
                        message: "expected \(header.fields.count) fields, found \(rec.fields.count)"))
                continue
            }
            records.append(rec)
        }
        return MappedTable(file: file, records: records, index: index)
    }

    // MARK: trust data

    private func readTrustData(_ url: URL, issues: inout [DatasetIssue], warnings: inout [String]) throws
        -> [ImportedRanking]
    {
        let c = mapping.trustData
        let t = try mappedTable(
            url,
            columns: [
                ("quarter", c.quarter), ("region", c.region), ("trustType", c.trustType),
                ("trustSubtype", c.trustSubtype), ("trustCode", c.trustCode), ("trustName", c.trustName),
                ("metricID", c.metricID), ("value", c.value), ("rank", c.rank),
            ],
            optional: ["region", "trustSubtype", "rank"], issues: &issues)
        let requiredColumns = ["quarter", "trustType", "trustCode", "trustName", "metricID", "value"]
        guard requiredColumns.allSatisfy({ t.index[$0] != nil }) else { return [] }

        var summary: [String: Field] = [:]
        for f in Field.allCases {
            let ids: [String]
            switch f {
            case .segment: ids = mapping.metrics.segment
            case .averageMetricScore: ids = mapping.metrics.averageMetricScore
            case .unadjustedSegment: ids = mapping.metrics.unadjustedSegment
            case .financialOverride: ids = mapping.metrics.financialOverride
            case .finalSegmentScoreOverride: ids = mapping.metrics.finalSegmentScoreOverride
            case .recoverySupportProgramme: ids = mapping.metrics.recoverySupportProgramme
            }
            for id in ids { summary[id.uppercased()] = f }
        }
        // domain set name -> metric id -> (key, isScore)
        var domainMetrics: [String: [String: (String, Bool)]] = [:]
        for set in mapping.domainSets {
            var m: [String: (String, Bool)] = [:]
            for d in set.domains {
                if let s = d.scoreMetric { m[s.uppercased()] = (d.key, true) }
                if let s = d.segmentMetric { m[s.uppercased()] = (d.key, false) }
            }
            domainMetrics[set.name] = m
        }

        func field(_ r: CSVRecord, _ col: String) -> String {
            guard let i = t.index[col] else { return "" }
            return r.fields[i].trimmingCharacters(in: .whitespaces)
        }

        var groups: [String: TrustQuarter] = [:]
        var order: [String] = []
        var badQuarters: Set<String> = []
        var missingSets: Set<String> = []
        for r in t.records {
            let metric = field(r, "metricID").uppercased()
            let summaryField = summary[metric]
            let qText = field(r, "quarter")
            guard let q = mapping.quarter(from: qText) else {
                if badQuarters.insert(qText).inserted {
                    issues.append(
                        DatasetIssue(
                            file: t.file, line: r.line,
                            message:
                                "quarter '\(qText)' is not a quarter label such as Q1 2026/27 (add it to the mapping's quarterLabels)"
                        ))
                }
                continue
            }
            if let quarters, !quarters.contains(q) { continue }
            var domain: (String, Bool)?
            if summaryField == nil {
                guard let set = mapping.domainSet(forFiscalYear: q.fiscalYear) else {
                    if missingSets.insert(q.fiscalYear).inserted {
                        issues.append(
                            DatasetIssue(
                                file: t.file, line: r.line,
                                message:
                                    "no domain set in the mapping for fiscal year \(q.fiscalYear) (add one to domainSets)"
                            ))
                    }
                    continue
                }
                domain = domainMetrics[set.name]?[metric]
                if domain == nil { continue }  // a metric the league does not use
            }
            let code = field(r, "trustCode").uppercased()
            if code.isEmpty {
                issues.append(DatasetIssue(file: t.file, line: r.line, message: "trust code is blank")); continue
            }
            let key = "\(q.label)|\(code)"
            if groups[key] == nil {
                groups[key] = TrustQuarter(quarter: q, code: code, firstLine: r.line)
                order.append(key)
            }
            let cell = Cell(value: field(r, "value"), rank: field(r, "rank"), line: r.line)
            func store(_ existing: Cell?, _ what: String) -> Bool {
                guard let existing else { return true }
                if existing.value != cell.value || existing.rank != cell.rank {
                    issues.append(
                        DatasetIssue(
                            file: t.file, line: r.line,
                            message:
                                "\(what) for \(code) in \(q.label) given twice with different values (first on line \(existing.line))"
                        ))
                }
                return false
            }
            if let f = summaryField {
                if store(groups[key]!.fields[f], metric) { groups[key]!.fields[f] = cell }
                if f == .segment {
                    groups[key]!.identity = (
                        field(r, "trustName"), field(r, "region"), field(r, "trustType"), field(r, "trustSubtype"),
                        r.line
                    )
                }
            } else if let (dkey, isScore) = domain {
                if isScore {
                    if store(groups[key]!.domainScore[dkey], metric) { groups[key]!.domainScore[dkey] = cell }
                } else {
                    if store(groups[key]!.domainSegment[dkey], metric) { groups[key]!.domainSegment[dkey] = cell }
                }
            }
        }

        var result: [ImportedRanking] = []
        for key in order {
            let g = groups[key]!
            guard let id = g.identity, let seg = g.fields[.segment] else {
                warnings.append(
                    "\(t.file):\(g.firstLine): \(g.code) has no adjusted-segment row (\(mapping.metrics.segment.joined(separator: "/"))) in \(g.quarter.label): not ranked, skipped"
                )
                continue
            }
            guard let table = mapping.table(forTrustType: id.type) else {
                issues.append(
                    DatasetIssue(
                        file: t.file, line: id.line,
                        message: "trust type '\(id.type)' is not mapped to a table (add it to the mapping's tables)"))
                continue
            }
            func whole(_ cell: Cell?, _ text: KeyPath<Cell, String>, _ what: String) -> String {
                guard let cell else { return "" }
                let v = cell[keyPath: text]
                guard let w = Self.wholeNumber(v) else {
                    issues.append(
                        DatasetIssue(
                            file: t.file, line: cell.line, message: "\(what) '\(v)' for \(g.code) is not a whole number"
                        ))
                    return ""
                }
                return w
            }
            func flag(_ cell: Cell?, _ what: String) -> String {
                guard let cell else { return "" }
                guard let f = mapping.flag(cell.value) else {
                    issues.append(
                        DatasetIssue(
                            file: t.file, line: cell.line,
                            message:
                                "\(what) '\(cell.value)' for \(g.code) is not a flag (\((mapping.flags.yes + mapping.flags.no).joined(separator: "/")))"
                        ))
                    return ""
                }
                return f
            }
            func number(_ cell: Cell?, _ what: String) -> String {
                guard let cell else { return "" }
                if !cell.value.isEmpty, Double(cell.value).map({ !$0.isFinite }) ?? true {
                    issues.append(
                        DatasetIssue(
                            file: t.file, line: cell.line,
                            message: "\(what) '\(cell.value)' for \(g.code) is not a number"))
                    return ""
                }
                return cell.value
            }
            var row = ImportedRanking(
                quarter: g.quarter, table: table, odsCode: g.code, trustName: id.name, region: id.region,
                trustType: id.type, trustSubtype: id.subtype,
                segment: whole(seg, \.value, "segment"),
                leaguePosition: whole(seg, \.rank, "rank (league position)"),
                averageMetricScore: number(g.fields[.averageMetricScore], "average metric score"),
                line: seg.line)
            row.unadjustedSegment = whole(g.fields[.unadjustedSegment], \.value, "unadjusted segment")
            row.financialOverride = flag(g.fields[.financialOverride], "financial override")
            row.finalSegmentScoreOverride = whole(
                g.fields[.finalSegmentScoreOverride], \.value, "final segment score override")
            row.recoverySupportProgramme = flag(g.fields[.recoverySupportProgramme], "Recovery Support Programme flag")
            if let set = mapping.domainSet(forFiscalYear: g.quarter.fiscalYear) {
                for d in set.domains {
                    let score = number(g.domainScore[d.key], "\(d.key) domain score")
                    let segment = whole(g.domainSegment[d.key], \.value, "\(d.key) domain segment")
                    if score.isEmpty && segment.isEmpty { continue }
                    row.domains.append(ImportedDomain(key: d.key, score: score, segment: segment))
                }
            }
            result.append(row)
        }
        return result
    }

    // MARK: league table

    private func applyLeagueTable(_ url: URL, to rankings: inout [ImportedRanking], issues: inout [DatasetIssue]) throws
    {
        let c = mapping.leagueTable
        let t = try mappedTable(
            url,
            columns: [
                ("quarter", c.quarter), ("trustCode", c.trustCode), ("averageScore", c.averageScore),
                ("segment", c.segment), ("rank", c.rank), ("financialDeficit", c.financialDeficit),
                ("likelyRangeOfAverageScore", c.likelyRangeOfAverageScore),
                ("likelyRangeOfLeaguePosition", c.likelyRangeOfLeaguePosition),
            ],
            optional: [
                "averageScore", "segment", "rank", "financialDeficit", "likelyRangeOfAverageScore",
                "likelyRangeOfLeaguePosition",
            ],
            issues: &issues)
        guard t.index["quarter"] != nil, t.index["trustCode"] != nil else { return }
        var byKey: [String: Int] = [:]
        for (i, r) in rankings.enumerated() { byKey["\(r.quarter.label)|\(r.odsCode)"] = i }
        func field(_ r: CSVRecord, _ col: String) -> String {
            guard let i = t.index[col] else { return "" }
            return r.fields[i].trimmingCharacters(in: .whitespaces)
        }
        var seen: [String: Int] = [:]
        for r in t.records {
            let qText = field(r, "quarter")
            guard let q = mapping.quarter(from: qText) else {
                issues.append(
                    DatasetIssue(
                        file: t.file, line: r.line,
                        message:
                            "quarter '\(qText)' is not a quarter label such as Q1 2026/27 (add it to the mapping's quarterLabels)"
                    ))
                continue
            }
            if let quarters, !quarters.contains(q) { continue }
            let code = field(r, "trustCode").uppercased()
            let key = "\(q.label)|\(code)"
            if let first = seen[key] {
                issues.append(
                    DatasetIssue(
                        file: t.file, line: r.line,
                        message: "\(code) in \(q.label) listed twice (first on line \(first))"))
                continue
            }
            seen[key] = r.line
            guard let i = byKey[key] else {
                issues.append(
                    DatasetIssue(
                        file: t.file, line: r.line,
                        message:
                            "\(code) in \(q.label) is in the league table but has no adjusted-segment row in the trust-data file"
                    ))
                continue
            }
            // Cross-check the values both files carry.
            let row = rankings[i]
            let checks: [(String, String, String)] = [
                ("segment", field(r, "segment"), row.segment),
                ("rank", field(r, "rank"), row.leaguePosition),
                ("average score", field(r, "averageScore"), row.averageMetricScore),
            ]
            for (what, here, there) in checks where !here.isEmpty {
                guard let a = Double(here) else {
                    issues.append(
                        DatasetIssue(
                            file: t.file, line: r.line, message: "\(what) '\(here)' for \(code) is not a number"))
                    continue
                }
                if Double(there) != a {
                    issues.append(
                        DatasetIssue(
                            file: t.file, line: r.line,
                            message:
                                "\(what) \(here) for \(code) in \(q.label) disagrees with the trust-data file (\(there.isEmpty ? "blank" : there), line \(row.line))"
                        ))
                }
            }
            let deficit = field(r, "financialDeficit")
            if let f = mapping.flag(deficit) {
                rankings[i].financialDeficit = f
            } else {
                issues.append(
                    DatasetIssue(
                        file: t.file, line: r.line,
                        message:
                            "financial deficit '\(deficit)' for \(code) is not a flag (\((mapping.flags.yes + mapping.flags.no).joined(separator: "/")))"
                    ))
            }
            rankings[i].likelyRangeOfAverageScore = field(r, "likelyRangeOfAverageScore")
            rankings[i].likelyRangeOfLeaguePosition = field(r, "likelyRangeOfLeaguePosition")
            rankings[i].fromLeagueTable = true
        }
    }

    // MARK: helpers

    /// "3", "3.0" -> "3"; "" -> ""; anything else -> nil.
    static func wholeNumber(_ text: String) -> String? {
        if text.isEmpty { return "" }
        if let i = Int(text) { return String(i) }
        guard let d = Double(text), d.isFinite, d == d.rounded(), abs(d) < 1e15 else { return nil }
        return String(Int(d))
    }

    /// Positions that do not re-derive from (segment, score) with ties sharing the lowest rank.
    static func positionWarnings(_ rankings: [ImportedRanking]) -> [String] {
        var warnings: [String] = []
        let groups = Dictionary(grouping: rankings) { QuarterTable($0.quarter, $0.table) }
        for (qt, rows) in groups.sorted(by: { $0.key < $1.key }) {
            let keyed = rows.compactMap { r -> (ImportedRanking, Int, Double)? in
                guard let s = Int(r.segment), let sc = Double(r.averageMetricScore) else { return nil }
                return (r, s, sc)
            }
            guard keyed.count == rows.count else { continue }
            for (r, s, sc) in keyed {
                let derived = 1 + keyed.filter { ($0.1, $0.2) < (s, sc) }.count
                if String(derived) != r.leaguePosition {
                    warnings.append(
                        "\(qt): \(r.odsCode) position \(r.leaguePosition) as published does not re-derive from (segment, score) (\(derived)); kept as published"
                    )
                }
            }
        }
        return warnings
    }
}
