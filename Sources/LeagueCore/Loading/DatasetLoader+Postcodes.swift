import Foundation

extension Validator {
    /// Reads and validates `postcode_sectors.csv` and `postcode_districts.csv`: unique codes and
    /// centroids inside the UK box.
    mutating func loadPostcodes(_ contents: [String: Data]) -> (
        sectors: [PostcodeCentroid], districts: [PostcodeCentroid]
    ) {
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
        return (sectors, districts)
    }
}
