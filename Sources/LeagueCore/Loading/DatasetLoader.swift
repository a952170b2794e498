import Foundation

/// Loads and validates the canonical CSV files (see `Sources/LeagueData/Data/README.md`).
public enum DatasetLoader {
    /// The files the loader reads, in sorted order (also the order hashed for the version).
    public static let fileNames: [String] = [
        "actions.csv", "aliases.csv", "domain_scores.csv", "domains.csv",
        "metric_values.csv", "metrics.csv",  // metrics: validated in MetricsValidation.swift
        "news_crosscheck.csv", "postcode_districts.csv", "postcode_sectors.csv", "quarters.csv", "rankings.csv",
        "sites.csv", "successors.csv", "trusts.csv",
    ]

    /// Coordinates must fall in this box (the UK incl. Northern Ireland, Scilly and Shetland;
    /// excludes the Channel Islands).
    public static let ukLatitude: ClosedRange<Double> = 49.8...60.9
    public static let ukLongitude: ClosedRange<Double> = -8.7...1.8

    /// Reads every file in `directory`, validates everything and builds the indexes.
    /// - Throws: `DatasetError` listing every problem as `file:line: what is wrong`.
    public static func load(from directory: URL) throws -> Dataset {
        try loadForIndexing(from: directory).dataset
    }

    /// FNV-1a 64 over the files read, in `fileNames` order: each file's name, a 0 byte, its bytes
    /// and a 0 byte (a missing file is left out). Names the dataset's content (`Dataset.contentHash`).
    static func contentHash(of contents: [String: Data]) -> String {
        var hasher = FNV1a64()
        for name in fileNames {
            guard let data = contents[name] else { continue }
            hasher.update(Array(name.utf8))
            hasher.update([0])
            hasher.update(data)
            hasher.update([0])
        }
        return hasher.hex
    }

    /// `load(from:)`, with every site's search names (`NameIndex.siteSearchNames`), computed
    /// while the dataset is assembled.
    static func loadForIndexing(from directory: URL) throws -> (
        dataset: Dataset, siteNames: NameIndex.SiteSearchNames
    ) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw DatasetError(
                code: .directoryUnreadable,
                message: "dataset directory \(directory.path) does not exist or is not a directory")
        }
        var contents: [String: Data] = [:]
        var issues: [DatasetIssue] = []
        for name in fileNames {
            let url = directory.appendingPathComponent(name)
            do {
                contents[name] = try Data(contentsOf: url)
            } catch {
                issues.append(DatasetIssue(file: name, line: 0, message: "file is missing or unreadable"))
            }
        }
        var v = Validator(issues: issues)
        let built = v.build(contents: contents)
        if !v.issues.isEmpty || built == nil {
            let sorted = v.issues.sorted { ($0.file, $0.line, $0.message) < ($1.file, $1.line, $1.message) }
            throw DatasetError(
                code: .invalidData,
                message:
                    "dataset at \(directory.path) is invalid: \(sorted.count) problem\(sorted.count == 1 ? "" : "s")",
                issues: sorted)
        }
        return built!
    }
}

// MARK: - table access

/// A parsed CSV file with named columns.
struct CSVTable {
    let file: String
    let columns: [String: Int]
    /// `columns`, for the per-field lookups of `Row`.
    let columnMap: ColumnMap
    let width: Int
    /// The file's fields as byte ranges: a `String` is made only of a field that is read as text.
    let fields: CSVFields
    /// The data rows with the header's number of fields.
    var rows: [CSVFields.Record]
}

/// One row, with helpers that report bad values as issues.
struct Row {
    let file: String
    let line: Int
    /// The file's fields; this row's are `first ..< first + count`.
    let source: CSVFields
    let first: Int
    let count: Int
    let columns: ColumnMap

    /// Raw text of a column ("" when the column is absent).
    func text(_ col: String) -> String {
        guard let i = columns[col], i < count else { return "" }
        return source.string(first + i)
    }
    /// Trimmed text, nil when blank.
    func opt(_ col: String) -> String? {
        guard let i = columns[col] else { return nil }
        return opt(at: i)
    }
    /// Trimmed text of the field at position `i`, nil when blank or absent.
    func opt(at i: Int) -> String? {
        guard i >= 0, i < count, !source.isEmpty(first + i) else { return nil }
        // Most fields have no space or tab at either end: told from their bytes, before a
        // `String` is made (`trimmedSpaces` would read its ends through `String.UTF8View`).
        if !source.withBytes(first + i, { Row.hasSpaceAtAnEnd($0) }) { return source.string(first + i) }
        let t = source.string(first + i).trimmedSpaces
        return t.isEmpty ? nil : t
    }

    /// Whether a non-empty field starts or ends with a space or tab (what `trimmedSpaces` trims first).
    private static func hasSpaceAtAnEnd(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let f = b.first, let l = b.last else { return false }
        return f == 0x20 || f == 0x09 || l == 0x20 || l == 0x09
    }

    /// What the field at position `i` holds, read from its bytes without making a `String`.
    func plain(at i: Int) -> PlainField {
        guard i >= 0, i < count else { return .blank }
        return source.withBytes(first + i) { PlainField($0) }
    }
}

/// A field as the number fast paths see it: blank, a plain decimal or whole number (no sign but
/// `-`, no spaces), or anything else (left to the `String` path, which reports what is wrong).
enum PlainField {
    case blank
    /// `Validator.fastDecimal` of the bytes, and the whole number when they are 1 to 18 digits.
    case number(Double, whole: Int?)
    case other

    init(_ b: UnsafeBufferPointer<UInt8>) {
        guard let f = b.first, let l = b.last else { self = .blank; return }
        // Spaces or tabs at either end: `trimmedSpaces` trims them (and other white space).
        if f == 0x20 || f == 0x09 || l == 0x20 || l == 0x09 { self = .other; return }
        guard let v = Validator.fastDecimal(b) else { self = .other; return }
        var whole: Int? = nil
        if b.count <= 18 && b.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            whole = b.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        self = .number(v, whole: whole)
    }
}

struct Validator {
    var issues: [DatasetIssue]
    /// Parsed quarter labels (parsing is comparatively slow; labels repeat on every row).
    var quarterCache: [String: Quarter?] = [:]

    init(issues: [DatasetIssue]) { self.issues = issues }

    mutating func quarter(_ label: String) -> Quarter? {
        if let cached = quarterCache[label] { return cached }
        let q = Quarter(parsing: label)
        quarterCache[label] = q
        return q
    }

    mutating func issue(_ file: String, _ line: Int, _ message: String) {
        issues.append(DatasetIssue(file: file, line: line, message: message))
    }
    mutating func issue(_ row: Row, _ message: String) { issue(row.file, row.line, message) }

    // MARK: value parsing (blank -> nil, bad -> issue + nil)

    mutating func int(_ row: Row, _ col: String) -> Int? {
        guard let i = row.columns[col] else { return nil }
        return int(row, at: i, col)
    }
    /// `int(row, col)` for the field at position `i` (column `col`): digits read from the bytes.
    mutating func int(_ row: Row, at i: Int, _ col: String) -> Int? {
        switch row.plain(at: i) {
        case .blank: return nil
        case .number(_, let whole?): return whole
        default: break
        }
        guard let t = row.opt(at: i) else { return nil }
        guard let v = Int(t) else { issue(row, "\(col) '\(t)' is not a whole number"); return nil }
        return v
    }
    mutating func double(_ row: Row, _ col: String) -> Double? {
        guard let i = row.columns[col] else { return nil }
        return double(row, at: i, col)
    }
    /// `double(row, col)` for the field at position `i` (column `col`): a plain decimal is read
    /// from the bytes.
    mutating func double(_ row: Row, at i: Int, _ col: String) -> Double? {
        switch row.plain(at: i) {
        case .blank: return nil
        case .number(let v, _): return v
        case .other: break
        }
        guard let t = row.opt(at: i) else { return nil }
        // `fastDecimal` reads plain decimals exactly as `Double(String)` does (and declines the
        // rest), without strtod's cost (~1,500 instructions a coordinate).
        guard let v = Self.fastDecimal(t) ?? Double(t), v.isFinite else {
            issue(row, "\(col) '\(t)' is not a number"); return nil
        }
        return v
    }
    mutating func flag(_ row: Row, _ col: String) -> Bool? {
        guard let i = row.columns[col], i < row.count else { return nil }
        let k = row.first + i
        if row.source.bounds[2 * k + 1] - row.source.bounds[2 * k] == 1 {
            switch row.source.bytes[row.source.bounds[2 * k]] {
            case UInt8(ascii: "Y"): return true
            case UInt8(ascii: "N"): return false
            default: break
            }
        }
        guard let t = row.opt(at: i) else { return nil }
        switch t {
        case "Y": return true
        case "N": return false
        default: issue(row, "\(col) '\(t)' is not Y or N"); return nil
        }
    }
    mutating func date(_ row: Row, _ col: String) -> CalendarDate? {
        guard let t = row.opt(col) else { return nil }
        guard let d = CalendarDate(iso: t) else {
            issue(row, "\(col) '\(t)' is not an ISO date (yyyy-MM-dd)"); return nil
        }
        return d
    }
    mutating func required(_ row: Row, _ col: String) -> String? {
        guard let t = row.opt(col) else { issue(row, "\(col) is blank"); return nil }
        return t
    }
    mutating func coordinates(_ row: Row, lat latCol: String, lon lonCol: String) -> (Double?, Double?) {
        let lat = double(row, latCol), lon = double(row, lonCol)
        switch (lat, lon) {
        case (let la?, let lo?):
            if !DatasetLoader.ukLatitude.contains(la) || !DatasetLoader.ukLongitude.contains(lo) {
                issue(
                    row,
                    "coordinates \(row.text(latCol)),\(row.text(lonCol)) outside the UK (lat 49.8 to 60.9, lon -8.7 to 1.8)"
                )
                return (nil, nil)
            }
            return (la, lo)
        case (nil, nil):
            return (nil, nil)
        default:
            issue(row, "only one of \(latCol)/\(lonCol) is given")
            return (nil, nil)
        }
    }

    /// Parses a file, checks field counts and required columns. Returns nil when unusable.
    mutating func table(_ contents: [String: Data], _ file: String, required: [String]) -> CSVTable? {
        guard let data = contents[file] else { return nil }
        let parsed = CSVParser.scan(data)
        for e in parsed.errors { issue(file, e.line, e.message) }
        guard let header = parsed.records.first, header.line == 1 else {
            if parsed.errors.first?.line != 1 { issue(file, 1, "missing header row") }
            return nil
        }
        var columns: [String: Int] = [:]
        for i in 0..<header.count {
            let n = parsed.string(header.first + i).trimmedWhitespace
            if columns[n] != nil { issue(file, 1, "duplicate column '\(n)'") } else { columns[n] = i }
        }
        var ok = true
        for r in required where columns[r] == nil {
            issue(file, 1, "missing required column '\(r)'")
            ok = false
        }
        if !ok { return nil }
        var rows: [CSVFields.Record] = []
        rows.reserveCapacity(parsed.records.count)
        for rec in parsed.records.dropFirst() {
            if rec.count != header.count {
                issue(file, rec.line, "expected \(header.count) fields, found \(rec.count)")
                continue
            }
            rows.append(rec)
        }
        return CSVTable(
            file: file, columns: columns, columnMap: ColumnMap(columns), width: header.count, fields: parsed,
            rows: rows)
    }

    func rows(_ t: CSVTable) -> [Row] {
        t.rows.map {
            Row(file: t.file, line: $0.line, source: t.fields, first: $0.first, count: $0.count, columns: t.columnMap)
        }
    }

    // MARK: build

    mutating func build(contents: [String: Data]) -> (
        dataset: Dataset, siteNames: NameIndex.SiteSearchNames
    )? {
        let (quarterInfos, quarterLine) = loadQuarters(contents)
        let (domainDefs, domainKeys) = loadDomains(contents, quarterInfos: quarterInfos, quarterLine: quarterLine)
        let trusts = loadTrusts(contents)
        // The rest falls into three groups that read only what is loaded above (immutable by
        // now) and each other's nothing: they run at the same time, each on its own validator,
        // and their issues are merged (every issue is sorted before it is reported).
        var base = Validator(issues: [])
        base.quarterCache = quarterCache
        let start = base
        let (league, places, other) = Concurrently.run(
            { () -> (rankings: [RankingRecord], metrics: MetricStore, issues: [DatasetIssue]) in
                var v = start
                let ranked = v.loadRankings(contents, quarterInfos: quarterInfos, trusts: trusts)
                var rankings = ranked.records
                v.loadDomainScores(
                    contents, quarterInfos: quarterInfos, domainDefs: domainDefs, domainKeys: domainKeys,
                    trusts: trusts, rankings: &rankings, rankingIndex: ranked.index)
                // metrics (MetricsValidation.swift)
                let metricStore = v.buildMetricStore(
                    contents: contents,
                    context: MetricContext(
                        quarterInfos: quarterInfos, domainKeys: Set(domainKeys.keys),
                        rankedTrusts: Set(
                            rankings.map { TrustInTable(quarter: $0.quarter, table: $0.table, odsCode: $0.odsCode) })))
                return (rankings, metricStore, v.issues)
            },
            { () -> (sites: [SiteRecord], aliases: [AliasRecord], issues: [DatasetIssue]) in
                var v = start
                let sites = v.loadSites(contents, trusts: trusts)
                let aliases = v.loadAliases(contents, trusts: trusts, siteCodes: Set(sites.map(\.siteCode)))
                return (sites, aliases, v.issues)
            },
            {
                () -> (
                    successors: [SuccessorRecord], sectors: [PostcodeCentroid], districts: [PostcodeCentroid],
                    actions: [ActionRecord], news: [NewsReport], contentHash: String, issues: [DatasetIssue]
                ) in
                // The content hash reads every byte once (~13 M instructions): here, beside the
                // parsing, rather than before it on the load's path.
                let contentHash = DatasetLoader.contentHash(of: contents)
                var v = start
                let successors = v.loadSuccessors(contents, trusts: trusts)
                let (sectors, districts) = v.loadPostcodes(contents)
                let actions = v.loadActions(contents, trusts: trusts)
                let news = v.loadNewsReports(contents, trusts: trusts)
                return (successors, sectors, districts, actions, news, contentHash, v.issues)
            })
        issues += league.issues + places.issues + other.issues

        if quarterInfos.isEmpty && issues.isEmpty { issue("quarters.csv", 0, "no quarters") }
        guard issues.isEmpty else { return nil }
        // The sites' search names need only the sites: worked out on the other core while the
        // dataset's lookups are built (the index build would otherwise do it after them).
        return Concurrently.run(
            {
                Dataset(
                    quarters: Array(quarterInfos.values), domains: domainDefs, trusts: Array(trusts.values),
                    rankings: league.rankings, sites: places.sites, successors: other.successors,
                    postcodeSectors: other.sectors, postcodeDistricts: other.districts, actions: other.actions,
                    aliases: places.aliases, newsReports: other.news, contentHash: other.contentHash,
                    metrics: league.metrics)
            }, { NameIndex.siteSearchNames(of: places.sites) })
    }

    /// `yyyy`, `yyyy-MM` or a valid `yyyy-MM-dd`.
    static func isPartialISODate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts[0].count == 4, Int(parts[0]) != nil else { return false }
        switch parts.count {
        case 1: return true
        case 2: return parts[1].count == 2 && (Int(parts[1]).map { (1...12).contains($0) } ?? false)
        case 3: return CalendarDate(iso: s) != nil
        default: return false
        }
    }
}

extension String {
    /// The string without leading/trailing spaces and tabs; fast path when there are none.
    var trimmedSpaces: String {
        let u = utf8
        guard let f = u.first, let l = u.last else { return self }
        if f != 0x20 && f != 0x09 && l != 0x20 && l != 0x09 { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
