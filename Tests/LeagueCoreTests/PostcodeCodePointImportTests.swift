import Foundation
import Testing
@testable import LeagueCore

@Suite("Code-Point Open import")
struct PostcodeCodePointImportTests {
    /// pyproj's lat/long for every M-area postcode (postcodes_M_area_gb_codepoint_open_2025-04.csv).
    static func pyprojReference() throws -> [String: (Double, Double)] {
        let data = try Data(contentsOf: GeoTestData.mAreaURL)
        var out: [String: (Double, Double)] = [:]
        GeoCSV.forEachLine(data) { line, f in
            if line > 1, let lat = Double(f[1]), let lon = Double(f[2]) { out[f[0]] = (lat, lon) }
            return true
        }
        return out
    }

    @Test("converting the raw M-area file reproduces pyproj within 5 m")
    func accuracy() throws {
        let reference = try Self.pyprojReference()
        let (rows, summary) = try CodePointImport.readRows(from: [GeoTestData.rawMAreaURL])
        #expect(summary.linesRead == 32_301)
        #expect(summary.skippedWithoutCoordinates == 2)   // M35 5AP, M35 5AR: PQI 90
        #expect(summary.skippedUnreadable == 0 && summary.duplicates == 0)
        #expect(rows.count == 32_299)
        var errors: [Double] = []
        for r in rows {
            let ref = try #require(reference[r.postcode], "\(r.postcode)")
            // The reference is rounded to 6 decimals (≤ 0.06 m), so compare unrounded vs rounded.
            errors.append(GeoMath.haversineKm(latitude1: r.latitude, longitude1: r.longitude,
                                              latitude2: ref.0, longitude2: ref.1) * 1000)
        }
        errors.sort()
        let median = errors[errors.count / 2], maxError = errors.last!
        print("Code-Point conversion vs pyproj: \(errors.count) postcodes, median \(median) m, p99 \(errors[errors.count * 99 / 100]) m, max \(maxError) m")
        #expect(maxError < 5)
        #expect(median < 5)
        // In fact the same Helmert transformation as PROJ uses without the OSTN15 grid: only the
        // 6-decimal rounding of the reference remains (measured: median 0.034 m, max 0.066 m).
        #expect(maxError < 0.1)
    }

    @Test("BNG → WGS84 worked example from the OS guide")
    func osGuideExample() {
        // OS guide, Annex C worked example: OSGB36 651409.903 E, 313177.270 N is
        // 52°39′27.2531″N 1°43′4.5177″E on OSGB36 (Airy). Checks the inverse projection alone.
        let ll = OSGBTransform.osgb36LatLon(easting: 651_409.903, northing: 313_177.270)
        let lat = ll.latitude * 180 / .pi, lon = ll.longitude * 180 / .pi
        #expect(abs(lat - (52 + 39.0 / 60 + 27.2531 / 3600)) < 1e-7)
        #expect(abs(lon - (1 + 43.0 / 60 + 4.5177 / 3600)) < 1e-7)
    }

    @Test("import writes postcodes_full.csv, and the postcode index then resolves at full precision")
    func roundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geo-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Inputs as a directory (the unzipped product layout), with a header-like file mixed in.
        let input = dir.appendingPathComponent("codepo/Data/CSV")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: GeoTestData.rawMAreaURL, to: input.appendingPathComponent("m.csv"))
        try Data("PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\n\"M13 9WL\",10,384979,396212,\"E92000001\",,,,,\n".utf8)
            .write(to: input.appendingPathComponent("extra.csv"))
        let out = dir.appendingPathComponent("data")
        let summary = try CodePointImport.run(inputs: [dir.appendingPathComponent("codepo")], outputDirectory: out)
        #expect(summary.files == ["extra.csv", "m.csv"])
        #expect(summary.skippedUnreadable == 1)   // the header line
        #expect(summary.duplicates == 1)          // M13 9WL again in m.csv
        #expect(summary.postcodesWritten == 32_299)

        let text = try String(contentsOf: out.appendingPathComponent("postcodes_full.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "postcode,latitude,longitude,pqi,source")
        #expect(lines.count == 32_300)
        #expect(lines[1].hasPrefix("M1 1AD,53.4837"))

        let table = try FullPostcodeTable.load(fromDataDirectory: out)
        #expect(table.count == 32_299)
        let index = PostcodeIndex(dataset: try GeoTestData.dataset(), fullPostcodes: table)
        let r = try index.resolve("m139wl")
        #expect(r.precision == .fullPostcode && r.matchedKey == "M13 9WL" && r.country == .england)
        #expect(!r.isCoarserThanRequested)
        // pyproj: 53.462436, -2.227711
        #expect(GeoMath.haversineKm(latitude1: r.latitude, longitude1: r.longitude, latitude2: 53.462436, longitude2: -2.227711) < 0.005)
        // Not in the table: falls back to the sector, and says so.
        let missing = try index.resolve("M13 9ZZ")
        #expect(missing.precision == .sector && missing.isCoarserThanRequested)
        // No file: empty table.
        #expect(try FullPostcodeTable.load(fromDataDirectory: dir).isEmpty)
        // Importing again gives the same bytes.
        try CodePointImport.run(inputs: [dir.appendingPathComponent("codepo")], outputDirectory: out)
        #expect(try String(contentsOf: out.appendingPathComponent("postcodes_full.csv"), encoding: .utf8) == text)
    }

    @Test("import errors", arguments: ["missing", "empty-dir", "no-rows"])
    func errors(kind: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geo-import-err-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let input: URL
        switch kind {
        case "missing": input = dir.appendingPathComponent("nope.csv")
        case "empty-dir": input = dir
        default:
            input = dir.appendingPathComponent("x.csv")
            try Data("\"M35 5AP\",90,0,0,\"E92000001\"\n".utf8).write(to: input)
        }
        #expect(throws: CodePointImport.ImportError.self) {
            try CodePointImport.run(inputs: [input], outputDirectory: dir.appendingPathComponent("out"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/postcodes_full.csv").path))
    }

    @Test("six-decimal formatting", arguments: [
        (53.4837681, "53.483768"), (-2.2448694, "-2.244869"), (0.0000004, "0.000000"), (-0.0000006, "-0.000001"), (1.5, "1.500000"),
    ])
    func format(value: Double, text: String) {
        #expect(CodePointImport.format6(value) == text)
    }
}
