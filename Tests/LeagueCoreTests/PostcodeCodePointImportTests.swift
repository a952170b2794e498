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
        #expect(summary.skippedWithoutCoordinates == 2)  // M35 5AP, M35 5AR: PQI 90
        #expect(summary.skippedUnreadable == 0 && summary.duplicates == 0)
        #expect(rows.count == 32_299)
        var errors: [Double] = []
        for r in rows {
            let ref = try #require(reference[r.postcode], "\(r.postcode)")
            // The reference is rounded to 6 decimals (≤ 0.06 m), so compare unrounded vs rounded.
            errors.append(
                GeoMath.haversineKm(
                    latitude1: r.latitude, longitude1: r.longitude,
                    latitude2: ref.0, longitude2: ref.1) * 1000)
        }
        errors.sort()
        let median = errors[errors.count / 2], maxError = errors.last!
        print(
            "Code-Point conversion vs pyproj: \(errors.count) postcodes, median \(median) m, p99 \(errors[errors.count * 99 / 100]) m, max \(maxError) m"
        )
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
        #expect(summary.skippedUnreadable == 1)  // the header line
        #expect(summary.duplicates == 1)  // M13 9WL again in m.csv
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
        #expect(
            GeoMath.haversineKm(
                latitude1: r.latitude, longitude1: r.longitude, latitude2: 53.462436, longitude2: -2.227711) < 0.005)
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

    @Test(
        "fast full-postcode packing agrees with the parser",
        arguments: [
            "M13 9WL", "m139wl", "SW1A 1AA", "W1A 0AX", "EC1A1BB", "GIR 0AA", "B1 1AA", "CR0 1AA", "M1  1AD",
        ])
    func packing(text: String) throws {
        let p = try #require(Postcode(text))
        let fast = Array(text.utf8).withUnsafeBufferPointer { FullPostcodeTable.packFull($0) }
        #expect(fast == FullPostcodeTable.pack(p))
    }

    @Test(
        "fast packing rejects what the parser rejects",
        arguments: ["M13", "M13 9", "HELLO", "M13 9W1", "1M3 9WL", "ABC1 1AA", "M13-9WL", "SW1AA1AA"])
    func packingRejects(text: String) {
        let fast = Array(text.utf8).withUnsafeBufferPointer { FullPostcodeTable.packFull($0) }
        #expect(fast == nil)
    }

    @Test(
        "decimal parsing to micro-degrees",
        arguments: [
            ("53.483768", Int64?.some(53_483_768)), ("-2.244869", -2_244_869), ("0", 0), ("-0.5", -500_000),
            ("1.2345675", 1_234_568),
            ("51.", 51_000_000), ("+1.25", 1_250_000), ("", nil), ("abc", nil), ("1.2.3", nil), ("12345.6", nil),
        ])
    func decimals(text: String, expected: Int64?) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { FullPostcodeTable.parseE6($0) } == expected)
    }

    @Test("every M-area postcode is found in the table built from its own file, at 6 decimals")
    func lookups() throws {
        let reference = try Self.pyprojReference()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geo-lookup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // The shared M-area file has extra columns after longitude; load it as if it were postcodes_full.csv
        // (without its two PQI-90 rows, which have no coordinates and which the importer never writes).
        let url = dir.appendingPathComponent("postcodes_full.csv")
        let lines = try String(contentsOf: GeoTestData.mAreaURL, encoding: .utf8)
            .split(whereSeparator: \.isNewline).filter { !$0.contains(",,,") }
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        let table = try FullPostcodeTable.load(contentsOf: url)
        #expect(table.count == reference.count)
        #expect(reference.count == 32_299)
        for (code, ll) in reference {
            let hit = try #require(table.lookup(Postcode(code)!), "\(code)")
            #expect(abs(hit.latitude - ll.0) < 5e-7 && abs(hit.longitude - ll.1) < 5e-7)
        }
        #expect(table.lookup(Postcode("M13 9ZZ")!) == nil)
        #expect(table.lookup(Postcode("A1 1AA")!) == nil)
    }

    @Test("a malformed postcodes_full.csv line is reported with its line number")
    func malformedFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geo-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("postcodes_full.csv")
        try Data(
            "postcode,latitude,longitude,pqi,source\nM1 1AD,53.483768,-2.244869,10,x\nM1 1AE,north,-2.2,10,x\n".utf8
        ).write(to: url)
        #expect(
            throws: GeoFileError(
                file: "postcodes_full.csv", line: 3,
                message: "expected postcode,latitude,longitude,pqi,source with a full postcode and WGS84 coordinates")
        ) {
            try FullPostcodeTable.load(contentsOf: url)
        }
    }

    @Test(
        "six-decimal formatting",
        arguments: [
            (53.4837681, "53.483768"), (-2.2448694, "-2.244869"), (0.0000004, "0.000000"), (-0.0000006, "-0.000001"),
            (1.5, "1.500000"),
        ])
    func format(value: Double, text: String) {
        #expect(CodePointImport.format6(value) == text)
    }
}
