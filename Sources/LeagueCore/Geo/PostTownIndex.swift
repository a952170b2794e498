/// Post town → location, for "what is my nearest trust?" asked with a town instead of a
/// postcode ("Kendal", "Stevenage", "Leeds").
///
/// A post town is the town of a postal address; postcode_districts.csv gives each district's
/// (doogal, from the ONS Postcode Directory). A town's location is the centre of its districts,
/// each weighted by its active postcodes (so by roughly where its addresses are): Kendal is
/// LA8 and LA9, Leeds LS1 to LS29. Names several distant towns share ("Newport": Wales, the
/// Isle of Wight, Shropshire) have no one centre, and are refused with their districts.
public struct PostTownIndex: Sendable {
    /// One district of a town.
    public struct District: Sendable, Equatable {
        public var code: String
        public var latitude: Double
        public var longitude: Double
        /// Weight of the district in its town's centre (at least 1).
        public var activePostcodes: Int
        public var country: PostcodeCountry
    }

    /// A town as the index holds it: its name as published and its districts.
    public struct Town: Sendable, Equatable {
        public var name: String
        public var districts: [District]
    }

    /// How far from a town's centre its districts may lie before the name is taken for several
    /// towns: larger than any one city's spread (Greater London's post town reaches about 25 km),
    /// smaller than the distance between same-named towns.
    public static let maxSpreadKm = 40.0
    /// How near its centre a town's nearest district must be: the centre of two same-named
    /// towns up to 80 km apart lies between them, in neither.
    public static let maxCentreGapKm = 15.0

    private let towns: [String: Town]

    public var count: Int { towns.count }

    /// - Parameter districts: district centroids; those without a post town or coordinates are left out.
    public init(districts: [PostcodeCentroid]) {
        var towns: [String: Town] = [:]
        for d in districts {
            guard let name = d.postTown?.trimmedSpaces, !name.isEmpty, let lat = d.latitude, let lon = d.longitude
            else { continue }
            let district = District(
                code: d.code, latitude: lat, longitude: lon, activePostcodes: max(1, d.activePostcodes ?? 0),
                country: PostcodeIndex.Entry(d).country)
            towns[Self.key(name), default: Town(name: name, districts: [])].districts.append(district)
        }
        self.towns = towns
    }

    /// The lookup key of a typed town: lower case, words separated by one space, "st." as "st",
    /// "-" as a space ("Stoke-on-Trent", "stoke on trent").
    static func key(_ text: String) -> String {
        var words: [Substring] = []
        for word in text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\t" }) {
            words.append(word.hasSuffix(".") ? word.dropLast() : word)
        }
        return words.joined(separator: " ")
    }

    /// The town `text` names, if any.
    public func town(named text: String) -> Town? { towns[Self.key(text)] }

    /// The centre of the town `text` names: nil when no post town has that name.
    /// - Throws: `.ambiguousTown` when its districts are too far apart to be one town.
    public func resolve(_ text: String) throws(LocationError) -> ResolvedLocation? {
        guard let town = town(named: text) else { return nil }
        let weight = Double(town.districts.reduce(0) { $0 + $1.activePostcodes })
        let latitude = town.districts.reduce(0) { $0 + $1.latitude * Double($1.activePostcodes) } / weight
        let longitude = town.districts.reduce(0) { $0 + $1.longitude * Double($1.activePostcodes) } / weight
        let distances = town.districts.map {
            GeoMath.haversineKm(
                latitude1: latitude, longitude1: longitude, latitude2: $0.latitude, longitude2: $0.longitude)
        }
        let codes = town.districts.map(\.code).sorted(by: Postcode.districtOrder)
        guard (distances.max() ?? 0) <= Self.maxSpreadKm, (distances.min() ?? 0) <= Self.maxCentreGapKm else {
            throw .ambiguousTown(town.name, districts: codes)
        }
        // The country most of its postcodes are in (a town on a border has one post town).
        var byCountry: [PostcodeCountry: Int] = [:]
        for d in town.districts { byCountry[d.country, default: 0] += d.activePostcodes }
        let country = byCountry.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key ?? .unknown
        var location = ResolvedLocation(
            latitude: latitude, longitude: longitude, precision: .postTown, matchedKey: town.name, postcode: nil,
            country: country)
        location.townDistricts = codes
        return location
    }
}

extension Postcode {
    /// Districts in the order people read them: by area, then number ("LS2" before "LS10").
    static func districtOrder(_ a: String, _ b: String) -> Bool {
        func parts(_ s: String) -> (String, Int, String) {
            let area = String(s.prefix { $0.isLetter })
            let rest = s.dropFirst(area.count)
            let digits = rest.prefix { $0.isNumber }
            return (area, Int(digits) ?? 0, String(rest.dropFirst(digits.count)))
        }
        let (x, y) = (parts(a), parts(b))
        return (x.0, x.1, x.2) < (y.0, y.1, y.2)
    }
}
