import Foundation

/// How precisely a location is known.
public enum LocationPrecision: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A full postcode found in the imported Code-Point Open table (a few metres).
    case fullPostcode = "full_postcode"
    /// The centroid of the postcode sector, e.g. "M13 9" (typically within about 1 km).
    /// This is what a full postcode resolves to when no full-postcode table is loaded.
    case sector = "postcode_sector"
    /// The centroid of the postcode district, e.g. "M13" (a few km).
    case district = "postcode_district"
    /// Latitude/longitude given by the caller.
    case coordinates

    public var description: String { rawValue }
}

/// A location the nearest-trust search can start from, with how it was obtained.
public struct ResolvedLocation: Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
    public var precision: LocationPrecision
    /// The key that matched: "M13 9WL", "M13 9" or "M13"; nil for coordinates.
    public var matchedKey: String?
    /// The parsed query postcode (canonical), nil for coordinates.
    public var postcode: Postcode?
    /// Country of the matched postcode; `.unknown` for coordinates.
    public var country: PostcodeCountry

    /// False for Welsh, Scottish, Northern Irish (and unknown-country) postcodes: the league
    /// tables cover England only, so the answer should carry a caveat.
    public var isInEngland: Bool { country == .england }

    /// True when a full postcode was asked for but only its sector or district was found
    /// (e.g. the shipped default: no full-postcode table loaded).
    public var isCoarserThanRequested: Bool {
        guard let postcode else { return false }
        switch (postcode.kind, precision) {
        case (.full, .sector), (.full, .district), (.sector, .district): return true
        default: return false
        }
    }

    public init(
        latitude: Double, longitude: Double, precision: LocationPrecision,
        matchedKey: String?, postcode: Postcode?, country: PostcodeCountry
    ) {
        self.latitude = latitude
        self.longitude = longitude
        self.precision = precision
        self.matchedKey = matchedKey
        self.postcode = postcode
        self.country = country
    }

    /// A caller-supplied coordinate, validated.
    public static func coordinates(latitude: Double, longitude: Double) throws(LocationError) -> ResolvedLocation {
        guard GeoMath.isValidLatitude(latitude) else { throw .latitudeOutOfRange(latitude) }
        guard GeoMath.isValidLongitude(longitude) else { throw .longitudeOutOfRange(longitude) }
        return ResolvedLocation(
            latitude: latitude, longitude: longitude, precision: .coordinates,
            matchedKey: nil, postcode: nil, country: .unknown)
    }
}

/// Why a location could not be resolved. Each case is a distinct answer for the patient.
public enum LocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a UK postcode shape at all ("HELLO", "M13-9WL", "12345").
    case malformedPostcode(PostcodeSyntaxError)
    /// A well-formed postcode whose sector and district are not in the data.
    case unknownPostcode(String)
    /// A well-formed postcode from a place the data has no coordinates for:
    /// Guernsey/Jersey/Isle of Man, or a non-geographic district (e.g. BFPO).
    case noCoordinates(postcode: String, country: PostcodeCountry)
    /// Latitude not a finite number in -90...90.
    case latitudeOutOfRange(Double)
    /// Longitude not a finite number in -180...180.
    case longitudeOutOfRange(Double)

    public var description: String {
        switch self {
        case .malformedPostcode(let e): return e.description
        case .unknownPostcode(let p):
            return "\(p) looks like a UK postcode but is not in the postcode data (check it, or try its district, e.g. \"\(p.split(separator: " ").first ?? "")\")"
        case .noCoordinates(let p, let country):
            switch country {
            case .channelIslands, .isleOfMan:
                return "\(p) is in \(country.displayName); NHS England's league tables cover England only and no location is held for it"
            default:
                return "\(p) is a non-geographic postcode with no location; try the postcode of where you live"
            }
        case .latitudeOutOfRange(let v): return "latitude \(v) is out of range (-90 to 90)"
        case .longitudeOutOfRange(let v): return "longitude \(v) is out of range (-180 to 180)"
        }
    }
}

/// Postcode → location lookup: full postcode (optional table) → sector centroid → district centroid.
///
/// Immutable and `Sendable`; build once per dataset snapshot.
public struct PostcodeIndex: Sendable {
    /// One centroid row (sector or district). Coordinates may be missing (sectors whose postcodes
    /// all lack coordinates; non-geographic districts).
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var latitude: Double?
        public var longitude: Double?
        public var country: PostcodeCountry
        public init(key: String, latitude: Double?, longitude: Double?, country: PostcodeCountry) {
            self.key = key
            self.latitude = latitude
            self.longitude = longitude
            self.country = country
        }
    }

    private let sectors: [String: Entry]
    private let districts: [String: Entry]
    /// Full postcodes imported from Code-Point Open (empty by default).
    public let fullPostcodes: FullPostcodeTable

    public var sectorCount: Int { sectors.count }
    public var districtCount: Int { districts.count }

    /// Builds the index. Keys are normalised; a duplicate key keeps the first entry.
    public init(sectors: [Entry], districts: [Entry], fullPostcodes: FullPostcodeTable = FullPostcodeTable()) {
        var s: [String: Entry] = [:]
        s.reserveCapacity(sectors.count)
        for var e in sectors {
            guard let p = Postcode(e.key), p.kind == .sector else { continue }
            e.key = p.canonical
            if s[e.key] == nil { s[e.key] = e }
        }
        var d: [String: Entry] = [:]
        d.reserveCapacity(districts.count)
        for var e in districts {
            guard let p = Postcode(e.key), p.kind == .district else { continue }
            e.key = p.canonical
            if d[e.key] == nil { d[e.key] = e }
        }
        self.sectors = s
        self.districts = d
        self.fullPostcodes = fullPostcodes
    }

    /// The sector entry for a canonical key such as "M13 9".
    public func sector(_ key: String) -> Entry? { sectors[key] }
    /// The district entry for a canonical key such as "M13".
    public func district(_ key: String) -> Entry? { districts[key] }

    /// Parses and resolves free text.
    public func resolve(_ text: String) throws(LocationError) -> ResolvedLocation {
        switch Postcode.parse(text) {
        case .failure(let e): throw .malformedPostcode(e)
        case .success(let p): return try resolve(p)
        }
    }

    /// Resolves a parsed postcode, most precise first: full table → sector → district.
    public func resolve(_ postcode: Postcode) throws(LocationError) -> ResolvedLocation {
        let sectorEntry = postcode.sector.flatMap { sectors[$0] }
        let districtEntry = districts[postcode.district]
        let country = Self.country(of: postcode, sector: sectorEntry, district: districtEntry)

        if postcode.kind == .full, let hit = fullPostcodes.lookup(postcode) {
            return ResolvedLocation(
                latitude: hit.latitude, longitude: hit.longitude, precision: .fullPostcode,
                matchedKey: postcode.canonical, postcode: postcode, country: country)
        }
        if let e = sectorEntry, let lat = e.latitude, let lon = e.longitude {
            return ResolvedLocation(
                latitude: lat, longitude: lon, precision: .sector,
                matchedKey: e.key, postcode: postcode, country: country)
        }
        if let e = districtEntry, let lat = e.latitude, let lon = e.longitude {
            return ResolvedLocation(
                latitude: lat, longitude: lon, precision: .district,
                matchedKey: e.key, postcode: postcode, country: country)
        }
        if sectorEntry != nil || districtEntry != nil || postcode.countryFromArea != nil {
            throw .noCoordinates(postcode: postcode.canonical, country: country)
        }
        throw .unknownPostcode(postcode.canonical)
    }

    /// Country: the area rule for BT/GY/JE/IM, else the sector's country, else the district's region.
    static func country(of postcode: Postcode, sector: Entry?, district: Entry?) -> PostcodeCountry {
        if let c = postcode.countryFromArea { return c }
        if let c = sector?.country, c != .unknown { return c }
        if let c = district?.country, c != .unknown { return c }
        return .unknown
    }
}

/// Full postcodes with coordinates (OS Code-Point Open), compact: ~17 bytes per postcode, binary search.
public struct FullPostcodeTable: Sendable {
    public struct Hit: Sendable, Equatable {
        public var latitude: Double
        public var longitude: Double
        /// Code-Point Open positional quality indicator (10 best … 60; 90 = no coordinates, never stored).
        public var positionalQuality: Int
    }

    /// Sorted packed postcodes (outward+inward without the space, ASCII, big-endian in a UInt64).
    private let keys: [UInt64]
    /// Micro-degrees, which is exactly the 6 decimals of postcodes_full.csv.
    private let latitudesE6: [Int32]
    private let longitudesE6: [Int32]
    private let qualities: [UInt8]

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// An empty table (the shipped default).
    public init() {
        keys = []; latitudesE6 = []; longitudesE6 = []; qualities = []
    }

    /// Builds a table from rows; a duplicate postcode keeps its first row; rows that are not
    /// full postcodes or have invalid coordinates are skipped.
    public init<S: Sequence>(rows: S) where S.Element == (postcode: String, latitude: Double, longitude: Double, quality: Int) {
        var packed: [(UInt64, Int32, Int32, UInt8)] = []
        for r in rows {
            guard let p = Postcode(r.postcode), p.kind == .full,
                  GeoMath.isValidLatitude(r.latitude), GeoMath.isValidLongitude(r.longitude)
            else { continue }
            packed.append((Self.pack(p), Int32((r.latitude * 1e6).rounded()), Int32((r.longitude * 1e6).rounded()),
                           UInt8(clamping: r.quality)))
        }
        self.init(packedRows: packed)
    }

    init(packedRows: [(UInt64, Int32, Int32, UInt8)]) {
        var rows = packedRows
        // Stable order: sort by key, first occurrence wins among duplicates.
        let order = rows.indices.sorted { rows[$0].0 != rows[$1].0 ? rows[$0].0 < rows[$1].0 : $0 < $1 }
        var k: [UInt64] = [], la: [Int32] = [], lo: [Int32] = [], q: [UInt8] = []
        k.reserveCapacity(rows.count); la.reserveCapacity(rows.count)
        lo.reserveCapacity(rows.count); q.reserveCapacity(rows.count)
        for i in order where k.last != rows[i].0 {
            k.append(rows[i].0); la.append(rows[i].1); lo.append(rows[i].2); q.append(rows[i].3)
        }
        rows = []
        keys = k; latitudesE6 = la; longitudesE6 = lo; qualities = q
    }

    /// Looks a full postcode up.
    public func lookup(_ postcode: Postcode) -> Hit? {
        guard postcode.kind == .full, !keys.isEmpty else { return nil }
        let key = Self.pack(postcode)
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        guard lo < keys.count, keys[lo] == key else { return nil }
        return Hit(latitude: Double(latitudesE6[lo]) / 1e6, longitude: Double(longitudesE6[lo]) / 1e6,
                   positionalQuality: Int(qualities[lo]))
    }

    static func pack(_ p: Postcode) -> UInt64 {
        var v: UInt64 = 0
        for b in p.outward.utf8 { v = v << 8 | UInt64(b) }
        for b in p.inward.utf8 { v = v << 8 | UInt64(b) }
        return v
    }

    /// File name of the canonical full-postcode table inside a data directory.
    public static let fileName = "postcodes_full.csv"

    /// Reads `postcodes_full.csv` (header `postcode,latitude,longitude,pqi,source`) as written by
    /// `CodePointImport`. Returns an empty table when the file does not exist.
    /// Throws `GeoFileError` on a malformed line (with its line number).
    public static func load(contentsOf url: URL) throws -> FullPostcodeTable {
        guard FileManager.default.fileExists(atPath: url.path) else { return FullPostcodeTable() }
        let data = try Data(contentsOf: url)
        var rows: [(UInt64, Int32, Int32, UInt8)] = []
        rows.reserveCapacity(data.count / 40)
        var failure: GeoFileError?
        GeoCSV.forEachLine(data) { lineNumber, fields in
            if lineNumber == 1 {
                if fields.first?.lowercased() == "postcode" { return true }
            }
            guard fields.count >= 3, let p = Postcode(fields[0]), p.kind == .full,
                  let lat = Double(fields[1]), let lon = Double(fields[2]),
                  GeoMath.isValidLatitude(lat), GeoMath.isValidLongitude(lon)
            else {
                failure = GeoFileError(file: url.lastPathComponent, line: lineNumber,
                                       message: "expected postcode,latitude,longitude,pqi,source")
                return false
            }
            let q = fields.count > 3 ? UInt8(clamping: Int(fields[3]) ?? 0) : 0
            rows.append((pack(p), Int32((lat * 1e6).rounded()), Int32((lon * 1e6).rounded()), q))
            return true
        }
        if let failure { throw failure }
        return FullPostcodeTable(packedRows: rows)
    }
}

/// A problem in a geographic data file, reported as `file:line: what is wrong`.
public struct GeoFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}
