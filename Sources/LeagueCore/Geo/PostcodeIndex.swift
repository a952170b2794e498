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
    /// The centre of a post town's postcode districts, e.g. "Kendal" (`PostTownIndex`: a few km).
    case postTown = "post_town"

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
    /// For a post town: the postcode districts its centre was taken from ("LA8", "LA9").
    public var townDistricts: [String] = []

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
    /// A post town name several distant towns share ("Newport"), with their districts.
    case ambiguousTown(String, districts: [String])

    public var description: String {
        switch self {
        case .malformedPostcode(let e) where e.reason == .badShape:
            // Words, not a postcode: a post town was looked for too (`resolve(_:)`).
            return
                "\"\(e.input)\" is neither a UK postcode nor a post town: give a full postcode such as \"SW1A 1AA\", a district such as \"M13\" or a town such as \"Kendal\""
        case .malformedPostcode(let e): return e.description
        case .unknownPostcode(let p):
            return
                "\(p) looks like a UK postcode but is not in the postcode data (check it, or try its district, e.g. \"\(p.split(separator: " ").first ?? "")\")"
        case .noCoordinates(let p, let country):
            switch country {
            case .channelIslands, .isleOfMan:
                return
                    "\(p) is in \(country.displayName); NHS England's league tables cover England only and no location is held for it"
            default:
                return "\(p) is a non-geographic postcode with no location; try the postcode of where you live"
            }
        case .latitudeOutOfRange(let v): return "latitude \(v) is out of range (-90 to 90)"
        case .longitudeOutOfRange(let v): return "longitude \(v) is out of range (-180 to 180)"
        case .ambiguousTown(let town, let districts):
            return
                "\(town) is the post town of places far apart (postcode districts \(districts.joined(separator: ", "))): give your postcode or its district"
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
    /// Post towns, for a town typed instead of a postcode.
    public let towns: PostTownIndex
    /// Full postcodes imported from Code-Point Open (empty by default).
    public let fullPostcodes: FullPostcodeTable

    public var sectorCount: Int { sectors.count }
    public var districtCount: Int { districts.count }

    /// Builds the index. Keys are normalised; a duplicate key keeps the first entry.
    public init(
        sectors: [Entry], districts: [Entry], fullPostcodes: FullPostcodeTable = FullPostcodeTable(),
        towns: PostTownIndex = PostTownIndex(districts: [])
    ) {
        self.towns = towns
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

    /// Parses and resolves free text: a postcode, else a post town ("Kendal").
    public func resolve(_ text: String) throws(LocationError) -> ResolvedLocation {
        switch Postcode.parse(text) {
        case .failure(let e):
            if let town = try towns.resolve(text) { return town }
            throw .malformedPostcode(e)
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
    public init<S: Sequence>(rows: S)
    where S.Element == (postcode: String, latitude: Double, longitude: Double, quality: Int) {
        var packed: [(UInt64, Int32, Int32, UInt8)] = []
        for r in rows {
            guard let p = Postcode(r.postcode), p.kind == .full,
                GeoMath.isValidLatitude(r.latitude), GeoMath.isValidLongitude(r.longitude)
            else { continue }
            packed.append(
                (
                    Self.pack(p), Int32((r.latitude * 1e6).rounded()), Int32((r.longitude * 1e6).rounded()),
                    UInt8(clamping: r.quality)
                ))
        }
        self.init(packedRows: packed)
    }

    init(packedRows rows: [(UInt64, Int32, Int32, UInt8)]) {
        // Sort by key; among duplicates the first row wins (the index breaks ties).
        var order = [(UInt64, Int32)]()
        order.reserveCapacity(rows.count)
        for (i, r) in rows.enumerated() { order.append((r.0, Int32(i))) }
        order.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var k: [UInt64] = [], la: [Int32] = [], lo: [Int32] = [], q: [UInt8] = []
        k.reserveCapacity(rows.count); la.reserveCapacity(rows.count)
        lo.reserveCapacity(rows.count); q.reserveCapacity(rows.count)
        for (key, i) in order where k.last != key {
            let r = rows[Int(i)]
            k.append(key); la.append(r.1); lo.append(r.2); q.append(r.3)
        }
        keys = k; latitudesE6 = la; longitudesE6 = lo; qualities = q
    }

    /// Looks a full postcode up.
    public func lookup(_ postcode: Postcode) -> Hit? {
        guard postcode.kind == .full, !keys.isEmpty else { return nil }
        let key = Self.pack(postcode)
        let lo = keys.partitioningIndex { $0 >= key }
        guard lo < keys.count, keys[lo] == key else { return nil }
        return Hit(
            latitude: Double(latitudesE6[lo]) / 1e6, longitude: Double(longitudesE6[lo]) / 1e6,
            positionalQuality: Int(qualities[lo]))
    }

    /// The canonical text ("SW1A 1AA", at most 8 ASCII bytes) left-aligned in a big-endian UInt64,
    /// so integer order is the postcode's string order.
    static func pack(_ p: Postcode) -> UInt64 {
        var v: UInt64 = 0
        var n = 0
        for b in p.canonical.utf8 { v = v << 8 | UInt64(b); n += 1 }
        return v << (8 * UInt64(8 - n))
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
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var start = 0
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { start = 3 }
            var lineNumber = 0
            while start < b.count {
                lineNumber += 1
                var end = start
                while end < b.count, b[end] != 10 { end += 1 }
                var lineEnd = end
                if lineEnd > start, b[lineEnd - 1] == 13 { lineEnd -= 1 }
                defer { start = end + 1 }
                if lineEnd == start { continue }
                let line = UnsafeBufferPointer(rebasing: b[start..<lineEnd])
                if lineNumber == 1, line.starts(with: Array("postcode".utf8)) { continue }
                guard let row = parseLine(line) else {
                    failure = GeoFileError(
                        file: url.lastPathComponent, line: lineNumber,
                        message:
                            "expected postcode,latitude,longitude,pqi,source with a full postcode and WGS84 coordinates"
                    )
                    return
                }
                rows.append(row)
            }
        }
        if let failure { throw failure }
        return FullPostcodeTable(packedRows: rows)
    }

    /// Parses `postcode,latitude,longitude[,pqi[,source]]` without allocating.
    static func parseLine(_ line: UnsafeBufferPointer<UInt8>) -> (UInt64, Int32, Int32, UInt8)? {
        var i = 0
        let n = line.count
        func field() -> UnsafeBufferPointer<UInt8> {
            let s = i
            while i < n, line[i] != 44 { i += 1 }
            let f = UnsafeBufferPointer(rebasing: line[s..<i])
            if i < n { i += 1 }
            return f
        }
        guard let key = packFull(field()),
            let lat = parseE6(field()), let lon = parseE6(field()),
            lat >= -90_000_000, lat <= 90_000_000, lon >= -180_000_000, lon <= 180_000_000
        else { return nil }
        var q = 0
        for c in field() {
            guard c >= 48, c <= 57 else { q = 0; break }
            q = min(255, q * 10 + Int(c - 48))
        }
        return (key, Int32(lat), Int32(lon), UInt8(q))
    }

    /// Packs a full postcode (any case, spaces and quotes ignored) like `pack`, without allocating.
    static func packFull(_ f: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var compact: UInt64 = 0  // right-aligned compact bytes
        var count = 0
        for var c in f {
            if c == 32 || c == 34 { continue }
            if c >= 97 && c <= 122 { c -= 32 }
            guard Postcode.isDigit(c) || Postcode.isLetter(c), count < 7 else { return nil }
            compact = compact << 8 | UInt64(c)
            count += 1
        }
        guard count >= 5 else { return nil }
        @inline(__always) func byte(_ i: Int) -> UInt8 {
            UInt8(truncatingIfNeeded: compact >> (8 * UInt64(count - 1 - i)))
        }
        // Inward: 9AA.
        guard Postcode.isDigit(byte(count - 3)), Postcode.isLetter(byte(count - 2)), Postcode.isLetter(byte(count - 1))
        else { return nil }
        // Outward: A9, A99, A9A, AA9, AA99, AA9A or GIR.
        let outLength = count - 3
        var valid = false
        if outLength == 3, byte(0) == 71, byte(1) == 73, byte(2) == 82 {
            valid = true
        } else if Postcode.isLetter(byte(0)) {
            var i = 1
            if i < outLength, Postcode.isLetter(byte(i)) { i += 1 }
            if i < outLength, Postcode.isDigit(byte(i)) {
                i += 1
                if i < outLength { i += 1 }  // any letter or digit
                valid = i == outLength
            }
        }
        guard valid else { return nil }
        // Canonical: outward, space, inward; left-aligned.
        let inward = compact & 0xFF_FFFF
        let outward = compact >> 24
        let v = (outward << 32) | (0x20 << 24) | inward  // outward + " " + inward, right-aligned
        return v << (8 * UInt64(8 - (count + 1)))
    }

    /// Parses a decimal degree value into micro-degrees (rounded half away from zero at the 7th decimal).
    static func parseE6(_ f: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if i < f.count, f[i] == 45 || f[i] == 43 { negative = f[i] == 45; i += 1 }
        var whole: Int64 = 0
        var digits = 0
        while i < f.count, f[i] >= 48, f[i] <= 57 {
            whole = whole * 10 + Int64(f[i] - 48); i += 1; digits += 1
            if digits > 4 { return nil }
        }
        var frac: Int64 = 0
        var fracDigits = 0
        var roundUp = false
        if i < f.count, f[i] == 46 {
            i += 1
            while i < f.count, f[i] >= 48, f[i] <= 57 {
                if fracDigits < 6 {
                    frac = frac * 10 + Int64(f[i] - 48)
                } else if fracDigits == 6 {
                    roundUp = f[i] >= 53
                }
                fracDigits += 1; i += 1; digits += 1
            }
        }
        guard i == f.count, digits > 0 else { return nil }
        for _ in fracDigits..<max(fracDigits, 6) { frac *= 10 }
        var v = whole * 1_000_000 + frac + (roundUp ? 1 : 0)
        if negative { v = -v }
        return v
    }
}

/// A problem in a geographic data file, reported as `file:line: what is wrong`.
public struct GeoFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}
