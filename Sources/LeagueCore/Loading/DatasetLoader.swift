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
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw DatasetError(
                code: .directoryUnreadable,
                message: "dataset directory \(directory.path) does not exist or is not a directory")
        }
        var contents: [String: Data] = [:]
        var issues: [DatasetIssue] = []
        var hasher = FNV1a64()
        for name in fileNames {
            let url = directory.appendingPathComponent(name)
            do {
                let data = try Data(contentsOf: url)
                contents[name] = data
                hasher.update(Array(name.utf8))
                hasher.update([0])
                hasher.update(data)
                hasher.update([0])
            } catch {
                issues.append(DatasetIssue(file: name, line: 0, message: "file is missing or unreadable"))
            }
        }
        var v = Validator(issues: issues)
        let dataset = v.build(contents: contents, contentHash: hasher.hex)
        if !v.issues.isEmpty || dataset == nil {
            let sorted = v.issues.sorted { ($0.file, $0.line, $0.message) < ($1.file, $1.line, $1.message) }
            throw DatasetError(
                code: .invalidData,
                message:
                    "dataset at \(directory.path) is invalid: \(sorted.count) problem\(sorted.count == 1 ? "" : "s")",
                issues: sorted)
        }
        return dataset!
    }
}

// MARK: - table access

/// A parsed CSV file with named columns.
struct CSVTable {
    let file: String
    let columns: [String: Int]
    let width: Int
    var rows: [CSVRecord]
}

/// One row, with helpers that report bad values as issues.
struct Row {
    let file: String
    let line: Int
    let fields: [String]
    let columns: [String: Int]

    /// Raw text of a column ("" when the column is absent).
    func text(_ col: String) -> String {
        guard let i = columns[col], i < fields.count else { return "" }
        return fields[i]
    }
    /// Trimmed text, nil when blank.
    func opt(_ col: String) -> String? {
        let t = text(col).trimmedSpaces
        return t.isEmpty ? nil : t
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
        guard let t = row.opt(col) else { return nil }
        guard let v = Int(t) else { issue(row, "\(col) '\(t)' is not a whole number"); return nil }
        return v
    }
    mutating func double(_ row: Row, _ col: String) -> Double? {
        guard let t = row.opt(col) else { return nil }
        guard let v = Double(t), v.isFinite else { issue(row, "\(col) '\(t)' is not a number"); return nil }
        return v
    }
    mutating func flag(_ row: Row, _ col: String) -> Bool? {
        guard let t = row.opt(col) else { return nil }
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
        let parsed = CSVParser.parse(data)
        for e in parsed.errors { issue(file, e.line, e.message) }
        guard let header = parsed.records.first, header.line == 1 else {
            if parsed.errors.first?.line != 1 { issue(file, 1, "missing header row") }
            return nil
        }
        var columns: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let n = name.trimmingCharacters(in: .whitespaces)
            if columns[n] != nil { issue(file, 1, "duplicate column '\(n)'") } else { columns[n] = i }
        }
        var ok = true
        for r in required where columns[r] == nil {
            issue(file, 1, "missing required column '\(r)'")
            ok = false
        }
        if !ok { return nil }
        var rows: [CSVRecord] = []
        rows.reserveCapacity(parsed.records.count)
        for rec in parsed.records.dropFirst() {
            if rec.fields.count != header.fields.count {
                issue(file, rec.line, "expected \(header.fields.count) fields, found \(rec.fields.count)")
                continue
            }
            rows.append(rec)
        }
        return CSVTable(file: file, columns: columns, width: header.fields.count, rows: rows)
    }

    func rows(_ t: CSVTable) -> [Row] {
        t.rows.map { Row(file: t.file, line: $0.line, fields: $0.fields, columns: t.columns) }
    }

    // MARK: build

    mutating func build(contents: [String: Data], contentHash: String) -> Dataset? {
        // quarters
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

        // domains
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

        // trusts
        var trusts: [String: TrustRecord] = [:]
        var trustLine: [String: Int] = [:]
        if let t = table(
            contents, "trusts.csv",
            required: [
                "ods_code", "name", "display_name", "open_date", "close_date", "is_open",
                "hq_postcode", "hq_latitude", "hq_longitude", "nhs_region", "nof_table",
                "nof_trust_type", "nof_trust_subtype", "source",
            ])
        {
            for row in rows(t) {
                guard let raw = required(row, "ods_code") else { continue }
                let code = Dataset.normaliseCode(raw)
                if let first = trustLine[code] {
                    issue(row, "duplicate trust code \(code) (first on line \(first))"); continue
                }
                trustLine[code] = row.line
                guard let name = required(row, "name"), let source = required(row, "source") else { continue }
                var table: TableKind?
                if let tt = row.opt("nof_table") {
                    table = TableKind(parsing: tt)
                    if table == nil { issue(row, "unknown table '\(tt)'") }
                }
                var isOpen: Bool?
                if let o = row.opt("is_open") {
                    if o == "Y" {
                        isOpen = true
                    } else if o == "N" {
                        isOpen = false
                    } else {
                        issue(row, "is_open '\(o)' is not Y or N")
                    }
                }
                let (lat, lon) = coordinates(row, lat: "hq_latitude", lon: "hq_longitude")
                let open = date(row, "open_date"), close = date(row, "close_date")
                if let open, let close, close < open {
                    issue(row, "close_date \(close.iso) is before open_date \(open.iso)")
                }
                trusts[code] = TrustRecord(
                    odsCode: code, name: name, displayName: row.opt("display_name") ?? name,
                    displayNameMethod: row.text("display_name_method"), openDate: open, closeDate: close,
                    isOpen: isOpen, inODSList: row.opt("in_ods_etr") != "N", hqPostcode: row.opt("hq_postcode"),
                    hqLatitude: lat, hqLongitude: lon, nhsRegion: row.opt("nhs_region"), nofTable: table,
                    nofTrustType: row.opt("nof_trust_type"), nofTrustSubtype: row.opt("nof_trust_subtype"),
                    source: source, note: row.opt("note"))
            }
        }

        // rankings
        var rankings: [RankingRecord] = []
        var rankingLine: [String: Int] = [:]
        var rankingIndex: [String: Int] = [:]  // "quarter|ods" -> index (for domains)
        var groupRows: [QuarterTable: [(line: Int, size: Int, position: Int?, joint: Bool?, ods: String)]] = [:]
        if let t = table(
            contents, "rankings.csv",
            required: [
                "quarter", "table", "table_size", "ods_code", "trust_name_as_published",
                "segment", "league_position", "joint_position", "average_metric_score", "source",
            ])
        {
            for row in rows(t) {
                guard let qLabel = required(row, "quarter"), let tLabel = required(row, "table"),
                    let rawCode = required(row, "ods_code")
                else { continue }
                let code = Dataset.normaliseCode(rawCode)
                guard let q = quarter(qLabel), quarterInfos[q] != nil else {
                    issue(row, "unknown quarter '\(qLabel)'"); continue
                }
                guard let table = TableKind(parsing: tLabel) else { issue(row, "unknown table '\(tLabel)'"); continue }
                let key = "\(q.label)|\(table.rawValue)|\(code)"
                if let first = rankingLine[key] {
                    issue(row, "duplicate ranking \(q.label) \(table.rawValue) \(code) (first on line \(first))");
                    continue
                }
                rankingLine[key] = row.line
                let trust = trusts[code]
                if trust == nil { issue(row, "unknown ODS code \(code)") }
                if let close = trust?.closeDate, close < q.periodStart {
                    issue(
                        row,
                        "ranking for \(code) in \(q.label) but the trust closed on \(close.iso), before the quarter began"
                    )
                }
                guard let size = int(row, "table_size") else { issue(row, "table_size is blank"); continue }
                let segment = int(row, "segment")
                if let s = segment, !(1...5).contains(s) { issue(row, "segment \(s) outside 1-5") }
                let position = int(row, "league_position")
                if let p = position {
                    if p < 1 {
                        issue(row, "league position \(p) is less than 1")
                    } else if p > size {
                        issue(row, "league position \(p) greater than table size \(size)")
                    }
                }
                let score = double(row, "average_metric_score")
                if let s = score, !(1.0...4.0).contains(s) {
                    issue(row, "average metric score \(row.text("average_metric_score")) outside 1.0-4.0")
                }
                let unadj = int(row, "unadjusted_segment")
                if let s = unadj, !(1...5).contains(s) { issue(row, "unadjusted segment \(s) outside 1-5") }
                let finalOverride = int(row, "final_segment_score_override")
                if let s = finalOverride, !(1...5).contains(s) {
                    issue(row, "final segment score override \(s) outside 1-5")
                }
                let joint = flag(row, "joint_position")
                guard let source = required(row, "source") else { continue }
                groupRows[QuarterTable(q, table), default: []].append((row.line, size, position, joint, code))
                if rankingIndex["\(q.label)|\(code)"] != nil {
                    issue(row, "\(code) is ranked in more than one table in \(q.label)")
                }
                rankingIndex["\(q.label)|\(code)"] = rankings.count
                rankings.append(
                    RankingRecord(
                        quarter: q, table: table, tableSize: size, odsCode: code,
                        trustNameAsPublished: row.text("trust_name_as_published"), nhsRegion: row.opt("nhs_region"),
                        nofTrustType: row.opt("nof_trust_type"), nofTrustSubtype: row.opt("nof_trust_subtype"),
                        segment: segment, leaguePosition: position, isJointPosition: joint, averageMetricScore: score,
                        unadjustedSegment: unadj, financialOverride: flag(row, "financial_override"),
                        finalSegmentScoreOverride: finalOverride,
                        recoverySupportProgramme: flag(row, "recovery_support_programme"),
                        financialDeficit: flag(row, "financial_deficit"),
                        likelyRangeOfAverageScore: row.opt("likely_range_of_average_score"),
                        likelyRangeOfLeaguePosition: row.opt("likely_range_of_league_position"),
                        source: source, domains: []))
            }
        }
        for (qt, group) in groupRows.sorted(by: { $0.key < $1.key }) {
            // One issue per distinct wrong size, on the first row that states it.
            var reported: Set<Int> = []
            for g in group.sorted(by: { $0.line < $1.line })
            where g.size != group.count && reported.insert(g.size).inserted {
                issue("rankings.csv", g.line, "table_size \(g.size) does not match the \(group.count) rows for \(qt)")
            }
            var byPosition: [Int: Int] = [:]
            for g in group { if let p = g.position { byPosition[p, default: 0] += 1 } }
            for g in group {
                guard let p = g.position else { continue }
                let shared = byPosition[p]! > 1
                if let j = g.joint, j != shared {
                    issue(
                        "rankings.csv", g.line,
                        "joint_position \(j ? "Y" : "N") but \(shared ? "another trust shares" : "no other trust has") position \(p) in \(qt)"
                    )
                }
            }
        }

        // domain scores
        var domainLine: [String: Int] = [:]
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
                let k = "\(q.label)|\(code)|\(key)"
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
                guard let idx = rankingIndex["\(q.label)|\(code)"] else {
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
            rankings[i].domains.sort { (order[set + "|" + $0.domainKey] ?? 0) < (order[set + "|" + $1.domainKey] ?? 0) }
        }

        // sites
        var sites: [SiteRecord] = []
        var siteLine: [String: Int] = [:]
        if let t = table(
            contents, "sites.csv",
            required: [
                "site_code", "name", "postcode", "latitude", "longitude", "parent_code_in_source",
                "current_parent_ods_code", "parent_link_method", "listed_in", "source",
            ])
        {
            for row in rows(t) {
                guard let raw = required(row, "site_code") else { continue }
                let code = Dataset.normaliseCode(raw)
                if let first = siteLine[code] {
                    issue(row, "duplicate site code \(code) (first on line \(first))"); continue
                }
                siteLine[code] = row.line
                guard let method = required(row, "parent_link_method"), let source = required(row, "source") else {
                    continue
                }
                let parent = row.opt("current_parent_ods_code").map(Dataset.normaliseCode)
                if let p = parent, trusts[p] == nil, method != "parent_not_in_etr_unchanged" {
                    issue(row, "unknown current parent ODS code \(p)")
                }
                let (lat, lon) = coordinates(row, lat: "latitude", lon: "longitude")
                sites.append(
                    SiteRecord(
                        siteCode: code, name: row.text("name").trimmingCharacters(in: .whitespaces),
                        subtype: row.opt("subtype"), postcode: row.opt("postcode"), latitude: lat, longitude: lon,
                        parentCodeInSource: row.opt("parent_code_in_source"),
                        parentNameInSource: row.opt("parent_name_in_source"),
                        currentParentODSCode: parent, parentLinkMethod: method,
                        currentSiteCode: row.opt("current_site_code"),
                        listedIn: row.text("listed_in"), note: row.opt("note"), source: source))
            }
        }

        // successors
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

        // postcodes
        var sectors: [PostcodeCentroid] = []
        var sectorLine: [String: Int] = [:]
        if let t = table(contents, "postcode_sectors.csv", required: ["sector", "latitude", "longitude", "country"]) {
            for row in rows(t) {
                guard let raw = required(row, "sector") else { continue }
                let code = raw.uppercased()
                if let first = sectorLine[code] {
                    issue(row, "duplicate postcode sector \(code) (first on line \(first))"); continue
                }
                sectorLine[code] = row.line
                let (lat, lon) = coordinates(row, lat: "latitude", lon: "longitude")
                sectors.append(
                    PostcodeCentroid(
                        kind: .sector, code: code, latitude: lat, longitude: lon, region: row.opt("country"),
                        activePostcodes: nil, postTown: nil))
            }
        }
        var districts: [PostcodeCentroid] = []
        var districtLine: [String: Int] = [:]
        if let t = table(
            contents, "postcode_districts.csv",
            required: ["outcode", "latitude", "longitude", "uk_region", "active_postcodes", "post_town"])
        {
            for row in rows(t) {
                guard let raw = required(row, "outcode") else { continue }
                let code = raw.uppercased()
                if let first = districtLine[code] {
                    issue(row, "duplicate postcode district \(code) (first on line \(first))"); continue
                }
                districtLine[code] = row.line
                let (lat, lon) = coordinates(row, lat: "latitude", lon: "longitude")
                districts.append(
                    PostcodeCentroid(
                        kind: .district, code: code, latitude: lat, longitude: lon, region: row.opt("uk_region"),
                        activePostcodes: int(row, "active_postcodes"), postTown: row.opt("post_town")))
            }
        }

        // actions
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

        // aliases
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
                if let s = site, siteLine[s] == nil { issue(row, "unknown site code \(s)") }
                aliases.append(
                    AliasRecord(
                        alias: alias, aliasType: row.text("alias_type"), odsCode: code, siteCode: site,
                        isAmbiguous: flag(row, "ambiguous") ?? false, sourceURL: url,
                        sourceType: row.text("source_type"), note: row.opt("note")))
            }
        }

        // news cross-check
        var news: [NewsReport] = []
        if let t = table(
            contents, "news_crosscheck.csv",
            required: [
                "quarter", "table", "ods_code", "league_position", "segment",
                "average_metric_score", "source_urls", "comparison_with_official",
            ])
        {
            for row in rows(t) {
                guard let raw = required(row, "ods_code") else { continue }
                let code = Dataset.normaliseCode(raw)
                if trusts[code] == nil { issue(row, "unknown ODS code \(code)") }
                news.append(
                    NewsReport(
                        quarterLabel: row.text("quarter"), quarter: quarter(row.text("quarter")),
                        table: TableKind(parsing: row.text("table")), tableSize: int(row, "table_size"), odsCode: code,
                        trustNameAsReported: row.text("trust_name_as_reported"),
                        leaguePosition: int(row, "league_position"),
                        jointPosition: row.opt("joint_position"), segment: int(row, "segment"),
                        averageMetricScore: double(row, "average_metric_score"), sourceURLs: row.text("source_urls"),
                        sourceDates: row.text("source_dates"), note: row.opt("note"),
                        comparisonWithOfficial: row.text("comparison_with_official")))
            }
        }

        // metrics (MetricsValidation.swift)
        let metricStore = buildMetricStore(
            contents: contents,
            context: MetricContext(
                quarterInfos: quarterInfos, domainKeys: Set(domainKeys.keys),
                rankedTrusts: Set(
                    rankings.map { TrustInTable(quarter: $0.quarter, table: $0.table, odsCode: $0.odsCode) })))

        if quarterInfos.isEmpty && issues.isEmpty { issue("quarters.csv", 0, "no quarters") }
        guard issues.isEmpty else { return nil }
        return Dataset(
            quarters: Array(quarterInfos.values), domains: domainDefs, trusts: Array(trusts.values), rankings: rankings,
            sites: sites, successors: successors, postcodeSectors: sectors, postcodeDistricts: districts,
            actions: actions, aliases: aliases, newsReports: news, contentHash: contentHash,
            metrics: metricStore)
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
