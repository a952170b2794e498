import Foundation

extension Validator {
    /// Reads and validates `trusts.csv`: unique ODS codes, a known table, Y/N open status, ISO dates
    /// in order and headquarters coordinates inside the UK box. Returns the trusts by ODS code.
    mutating func loadTrusts(_ contents: [String: Data]) -> [String: TrustRecord] {
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
        return trusts
    }
}
