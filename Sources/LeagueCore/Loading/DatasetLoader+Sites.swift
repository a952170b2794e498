import Foundation

extension Validator {
    /// Reads and validates `sites.csv`: unique site codes, a known current trust, a known kind, Y/N
    /// flags, ISO dates, coordinates inside the UK box, and `open_codes_at_postcode` as `CODE n; CODE n`.
    /// Every problem is reported as `sites.csv:line: what is wrong`.
    mutating func loadSites(_ contents: [String: Data], trusts: [String: TrustRecord]) -> [SiteRecord] {
        var sites: [SiteRecord] = []
        var siteLine: [String: Int] = [:]
        // Most values repeat across rows (14 distinct field_sources of ~110 bytes, 1,518 distinct
        // place lists): each distinct value is stored once and shared, not once per site.
        var shared = TextInterner()
        guard
            let t = table(
                contents, "sites.csv",
                required: [
                    "site_code", "name", "other_names", "current_trust_code", "trust_link_method", "postcode", "town",
                    "place_names",
                    "latitude", "longitude", "kind", "kind_inferred", "eric_site_type", "is_open", "open_date",
                    "close_date",
                    "open_codes_at_postcode", "field_sources",
                ])
        else { return [] }
        sites.reserveCapacity(t.rows.count)
        for row in rows(t) {
            guard let raw = required(row, "site_code"), let name = required(row, "name"),
                let trustRaw = required(row, "current_trust_code"), let method = required(row, "trust_link_method"),
                let kindRaw = required(row, "kind"), let source = required(row, "field_sources")
            else { continue }
            let code = Dataset.normaliseCode(raw)
            if let first = siteLine[code] {
                issue(row, "duplicate site code \(code) (first on line \(first))"); continue
            }
            siteLine[code] = row.line
            let trust = Dataset.normaliseCode(trustRaw)
            if trusts[trust] == nil { issue(row, "unknown ODS code \(trust) (current_trust_code)") }
            guard let kind = SiteKind(rawValue: kindRaw) else {
                issue(
                    row,
                    "unknown kind \(kindRaw) (expected one of \(SiteKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
                continue
            }
            guard required(row, "kind_inferred") != nil, required(row, "is_open") != nil,
                let inferred = flag(row, "kind_inferred"), let isOpen = flag(row, "is_open")
            else { continue }
            let closeDate = date(row, "close_date")
            if isOpen, closeDate != nil { issue(row, "an open site has a close date") }
            let (lat, lon) = coordinates(row, lat: "latitude", lon: "longitude")
            let countsField = row.text("open_codes_at_postcode")
            var counts: [(trust: String, count: Int)] = Validator.wellFormedCodeCounts(countsField) ?? []
            // Anything the fast reading declines is read (and its problems reported) part by part.
            for part in counts.isEmpty ? countsField.splitASCII(UInt8(ascii: ";")) : [] {
                let bits = part.splitASCII(UInt8(ascii: " "))
                guard bits.count == 2, let n = Int(bits[1]), n > 0 else {
                    issue(
                        row,
                        "open_codes_at_postcode: expected 'CODE count', got '\(part.trimmingCharacters(in: .whitespaces))'"
                    )
                    continue
                }
                counts.append((String(bits[0]), n))
            }
            let otherNames = shared.list(row.text("other_names"), Validator.list)
            let placeNames = shared.list(row.text("place_names"), Validator.list)
            let town = row.opt("town").map { shared.text($0) }
            let ericSiteType = row.opt("eric_site_type").map { shared.text($0) }
            sites.append(
                SiteRecord(
                    siteCode: code, name: name, otherNames: otherNames, currentParentODSCode: trust,
                    parentLinkMethod: shared.text(method), postcode: row.opt("postcode"), town: town,
                    placeNames: placeNames, latitude: lat, longitude: lon, kind: kind, kindInferred: inferred,
                    ericSiteType: ericSiteType, isOpen: isOpen, openDate: date(row, "open_date"), closeDate: closeDate,
                    openCodesAtPostcode: counts, source: shared.text(source))
            )
        }
        return sites
    }

    /// `open_codes_at_postcode` read from its bytes when every part is well formed ASCII
    /// (`CODE count`, count 1 to 18 digits and above 0); nil otherwise, and for an empty field.
    ///
    /// Why: splitting the text into parts and each part into two words made three arrays and
    /// four `Substring`s per part, ~2,500 instructions, for every one of ~6,500 sites at each load.
    static func wellFormedCodeCounts(_ text: String) -> [(trust: String, count: Int)]? {
        var text = text
        return text.withUTF8 { b -> [(trust: String, count: Int)]? in
            var out: [(trust: String, count: Int)] = []
            let space = UInt8(ascii: " "), digits = UInt8(ascii: "0")...UInt8(ascii: "9")
            var i = 0
            while i < b.count {
                // one part: optional spaces, the code, spaces, the count, optional spaces, then ';' or the end
                if b[i] == UInt8(ascii: ";") { i += 1; continue }  // an empty part, skipped as `split` skips it
                while i < b.count && b[i] == space { i += 1 }
                let codeStart = i
                while i < b.count && b[i] != space && b[i] != UInt8(ascii: ";") {
                    if b[i] >= 0x80 { return nil }
                    i += 1
                }
                let codeEnd = i
                while i < b.count && b[i] == space { i += 1 }
                let countStart = i
                var count = 0
                while i < b.count && digits.contains(b[i]) {
                    count = count &* 10 &+ Int(b[i] &- digits.lowerBound)
                    i += 1
                }
                let countDigits = i - countStart
                while i < b.count && b[i] == space { i += 1 }
                guard codeEnd > codeStart, (1...18).contains(countDigits), count > 0,
                    i == b.count || b[i] == UInt8(ascii: ";")
                else { return nil }
                out.append(
                    (String(decoding: UnsafeBufferPointer(rebasing: b[codeStart..<codeEnd]), as: UTF8.self), count))
                i += 1
            }
            return out.isEmpty ? nil : out
        }
    }

    private static func list(_ text: String) -> [String] {
        text.splitASCII(UInt8(ascii: ";")).map(\.trimmedWhitespace).filter { !$0.isEmpty }
    }
}

/// Shares the storage of repeated values while a file loads: equal texts (and lists read from
/// equal texts) come back as one shared `String` (or array) instead of a copy each.
struct TextInterner {
    private var texts: [String: String] = [:]
    private var lists: [String: [String]] = [:]

    /// `text`, or the equal text seen first.
    mutating func text(_ text: String) -> String {
        if let seen = texts[text] { return seen }
        texts[text] = text
        return text
    }

    /// `parse(raw)`, computed once per distinct `raw`.
    mutating func list(_ raw: String, _ parse: (String) -> [String]) -> [String] {
        if let seen = lists[raw] { return seen }
        let parsed = parse(raw).map { text($0) }
        lists[raw] = parsed
        return parsed
    }
}
