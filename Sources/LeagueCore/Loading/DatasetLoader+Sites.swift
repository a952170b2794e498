import Foundation

extension Validator {
    /// Reads and validates `sites.csv`: unique site codes, a known current trust, a known kind, Y/N
    /// flags, ISO dates, coordinates inside the UK box, and `open_codes_at_postcode` as `CODE n; CODE n`.
    /// Every problem is reported as `sites.csv:line: what is wrong`.
    mutating func loadSites(_ contents: [String: Data], trusts: [String: TrustRecord]) -> [SiteRecord] {
        var sites: [SiteRecord] = []
        var siteLine: [String: Int] = [:]
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
            var counts: [(trust: String, count: Int)] = []
            for part in row.text("open_codes_at_postcode").split(separator: ";") {
                let bits = part.split(separator: " ")
                guard bits.count == 2, let n = Int(bits[1]), n > 0 else {
                    issue(
                        row,
                        "open_codes_at_postcode: expected 'CODE count', got '\(part.trimmingCharacters(in: .whitespaces))'"
                    )
                    continue
                }
                counts.append((String(bits[0]), n))
            }
            sites.append(
                SiteRecord(
                    siteCode: code, name: name, otherNames: list(row.text("other_names")),
                    currentParentODSCode: trust, parentLinkMethod: method, postcode: row.opt("postcode"),
                    town: row.opt("town"),
                    placeNames: list(row.text("place_names")), latitude: lat, longitude: lon, kind: kind,
                    kindInferred: inferred, ericSiteType: row.opt("eric_site_type"), isOpen: isOpen,
                    openDate: date(row, "open_date"), closeDate: closeDate, openCodesAtPostcode: counts, source: source)
            )
        }
        return sites
    }

    private func list(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
