import Foundation

/// Imports OS Code-Point Open into the canonical full-postcode table `postcodes_full.csv`.
///
/// Input: the product's per-area CSV files (the official zip unpacks to `Data/CSV/ab.csv` … `ze.csv`;
/// unzip it first, e.g. `unzip codepo_gb.zip -d codepo`). Those files have no header; columns are
/// Postcode, Positional_quality_indicator, Eastings, Northings, Country_code, NHS_regional_HA_code,
/// NHS_HA_code, Admin_county_code, Admin_district_code, Admin_ward_code. Pass files and/or
/// directories (searched recursively for `*.csv`; a line whose eastings/northings are not numbers,
/// such as a header line, is skipped and counted).
///
/// Output: `<outputDirectory>/postcodes_full.csv` with header `postcode,latitude,longitude,pqi,source`,
/// sorted by postcode, WGS84 to 6 decimals (converted with `OSGBTransform`, Helmert, a few metres).
/// Rows without coordinates (PQI 90 or zero eastings/northings) are skipped. The file is written
/// atomically, so a running server never sees half of it.
///
/// Licence: OS OpenData (OGL v3). Attribution: "Contains OS data © Crown copyright and database right;
/// Contains Royal Mail data © Royal Mail copyright and database right; Contains National Statistics
/// data © Crown copyright and database right".
public enum CodePointImport {
    /// What an import did.
    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        /// CSV files read, in the order read.
        public var files: [String]
        public var linesRead: Int
        public var postcodesWritten: Int
        /// PQI 90 or zero eastings/northings.
        public var skippedWithoutCoordinates: Int
        /// Lines that are not Code-Point Open rows (header lines, bad postcode, non-numeric coordinates).
        public var skippedUnreadable: Int
        /// The same postcode seen again (the first is kept).
        public var duplicates: Int
        public var output: URL

        public var description: String {
            "read \(linesRead) lines from \(files.count) file(s); wrote \(postcodesWritten) postcodes to \(output.path); "
                + "skipped \(skippedWithoutCoordinates) without coordinates, \(skippedUnreadable) unreadable, \(duplicates) duplicates"
        }
    }

    public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
        case noInputFiles([String])
        case inputNotFound(String)
        case nothingImported
        public var description: String {
            switch self {
            case .noInputFiles(let paths): return "no .csv files found in \(paths.joined(separator: ", "))"
            case .inputNotFound(let path): return "\(path): no such file or directory"
            case .nothingImported: return "no Code-Point Open rows with coordinates were found; nothing written"
            }
        }
    }

    /// One converted row.
    public struct Row: Sendable, Equatable {
        public var postcode: String
        public var latitude: Double
        public var longitude: Double
        public var positionalQuality: Int
        public var source: String
    }

    /// Outcome of reading one Code-Point Open line.
    enum LineResult: Equatable {
        case row(postcode: Postcode, latitude: Double, longitude: Double, pqi: Int)
        case noCoordinates
        case unreadable
    }

    /// Converts the fields of one Code-Point Open line.
    static func convert(fields: [String]) -> LineResult {
        guard fields.count >= 4, let postcode = Postcode(fields[0]), postcode.kind == .full,
            let easting = Double(fields[2].trimmingCharacters(in: .whitespaces)),
            let northing = Double(fields[3].trimmingCharacters(in: .whitespaces))
        else { return .unreadable }
        let pqi = Int(fields[1].trimmingCharacters(in: .whitespaces)) ?? 0
        if pqi == 90 || (easting == 0 && northing == 0) { return .noCoordinates }
        guard easting > -100_000, easting < 800_000, northing > -100_000, northing < 1_400_000 else {
            return .unreadable
        }
        let ll = OSGBTransform.wgs84(easting: easting, northing: northing)
        return .row(postcode: postcode, latitude: ll.latitude, longitude: ll.longitude, pqi: pqi)
    }

    /// Expands files and directories into a sorted list of `.csv` files.
    public static func inputFiles(_ inputs: [URL]) throws(ImportError) -> [URL] {
        var files: [URL] = []
        let fm = FileManager.default
        for url in inputs {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDir) else { throw .inputNotFound(url.path) }
            if isDir.boolValue {
                var found: [URL] = []
                if let e = fm.enumerator(at: url, includingPropertiesForKeys: nil) {
                    for case let f as URL in e where f.pathExtension.lowercased() == "csv" { found.append(f) }
                }
                files += found.sorted { $0.path < $1.path }
            } else {
                files.append(url)
            }
        }
        if files.isEmpty { throw .noInputFiles(inputs.map(\.path)) }
        return files
    }

    /// Reads and converts Code-Point Open CSV files (no output written).
    public static func readRows(from inputs: [URL]) throws -> (rows: [Row], summary: Summary) {
        let files = try inputFiles(inputs)
        var rows: [Row] = []
        var seen = Set<String>()
        var summary = Summary(
            files: [], linesRead: 0, postcodesWritten: 0, skippedWithoutCoordinates: 0,
            skippedUnreadable: 0, duplicates: 0, output: URL(fileURLWithPath: "/dev/null"))
        for file in files {
            let data = try Data(contentsOf: file)
            summary.files.append(file.lastPathComponent)
            let source = "OS Code-Point Open \(file.lastPathComponent)"
            GeoCSV.forEachLine(data) { _, fields in
                summary.linesRead += 1
                switch convert(fields: fields) {
                case .unreadable: summary.skippedUnreadable += 1
                case .noCoordinates: summary.skippedWithoutCoordinates += 1
                case .row(let postcode, let lat, let lon, let pqi):
                    let key = postcode.canonical
                    if seen.insert(key).inserted {
                        rows.append(
                            Row(postcode: key, latitude: lat, longitude: lon, positionalQuality: pqi, source: source))
                    } else {
                        summary.duplicates += 1
                    }
                }
                return true
            }
        }
        rows.sort { $0.postcode < $1.postcode }
        summary.postcodesWritten = rows.count
        return (rows, summary)
    }

    /// Reads Code-Point Open CSV files (or directories of them) and writes
    /// `<outputDirectory>/postcodes_full.csv`. Creates the directory if needed.
    /// This is what `nhs-league-server import-postcodes` calls.
    @discardableResult
    public static func run(inputs: [URL], outputDirectory: URL) throws -> Summary {
        var (rows, summary) = try readRows(from: inputs)
        guard !rows.isEmpty else { throw ImportError.nothingImported }
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        let output = outputDirectory.appendingPathComponent(FullPostcodeTable.fileName)
        var text = "postcode,latitude,longitude,pqi,source\n"
        text.reserveCapacity(rows.count * 60)
        for r in rows {
            text += r.postcode
            text += ","
            text += format6(r.latitude)
            text += ","
            text += format6(r.longitude)
            text += ","
            text += String(r.positionalQuality)
            text += ","
            text += GeoCSV.escape(r.source)
            text += "\n"
        }
        try Data(text.utf8).write(to: output, options: .atomic)
        rows = []
        summary.output = output
        return summary
    }

    /// Fixed 6-decimal formatting without Foundation's locale-dependent formatters.
    static func format6(_ v: Double) -> String {
        let scaled = (v * 1e6).rounded()
        let negative = scaled < 0
        let m = Int64(abs(scaled))
        let whole = m / 1_000_000, frac = m % 1_000_000
        var f = String(frac)
        f = String(repeating: "0", count: 6 - f.count) + f
        return (negative ? "-" : "") + String(whole) + "." + f
    }
}
