import Foundation

// Geo overview (issue 5)
// - `Postcode`: parse/normalise "sw1a1aa" → "SW1A 1AA"; full / sector / district; malformed is a
//   `PostcodeSyntaxError`.
// - `PostcodeIndex`: full postcode (optional `FullPostcodeTable`, from an imported Code-Point Open)
//   → sector centroid → district centroid; `ResolvedLocation` carries precision, matched key, country.
//   Errors (`LocationError`): malformed, unknown (well-formed, not in the data), no coordinates
//   (Channel Islands / Isle of Man / non-geographic), latitude/longitude out of range.
// - `GeoIndex`: exact k nearest open, ranked trusts (one per trust; nearest site, HQ fallback) by
//   haversine distance, table filter, optional radius. `nearestTrustsBruteForce` is the reference.
// - `CodePointImport`: OS Code-Point Open CSVs → `postcodes_full.csv` (OSGB36 → WGS84, `OSGBTransform`).
//   Operator: `unzip codepo_gb.zip -d codepo`, then the server's `import-postcodes codepo` into the
//   data directory; the next (re)load picks it up via `FullPostcodeTable.load(fromDataDirectory:)`.
// - `NearestTrustSearch`: the whole `nearest` call for one snapshot (below).

/// One dataset snapshot's postcode and nearest-trust indexes, and the whole `nearest` call:
/// resolve the location, search, and say how precise the location was and whether it is in England.
/// Immutable and `Sendable`: build it with the snapshot, off the event loop.
public struct NearestTrustSearch: Sendable {
    public let postcodes: PostcodeIndex
    /// Trusts at their inpatient sites (the default).
    public let index: GeoIndex
    /// Trusts at every open site, clinics and offices included (`includeClinics`).
    public let indexWithClinics: GeoIndex

    public init(postcodes: PostcodeIndex, index: GeoIndex, indexWithClinics: GeoIndex? = nil) {
        self.postcodes = postcodes
        self.index = index
        self.indexWithClinics = indexWithClinics ?? index
    }

    /// Builds both indexes from a dataset; `fullPostcodes` is the optional imported Code-Point Open table
    /// (`FullPostcodeTable.load(fromDataDirectory:)`, empty by default).
    public init(dataset: Dataset, fullPostcodes: FullPostcodeTable = FullPostcodeTable()) {
        self.init(
            postcodes: PostcodeIndex(dataset: dataset, fullPostcodes: fullPostcodes),
            index: GeoIndex(dataset: dataset), indexWithClinics: GeoIndex(dataset: dataset, includeClinics: true))
    }

    /// Where to search from.
    public enum Origin: Sendable, Equatable {
        /// A full postcode, sector or district, in any case/spacing.
        case postcode(String)
        case coordinates(latitude: Double, longitude: Double)
    }

    /// The answer.
    public struct Answer: Sendable, Equatable {
        /// The resolved location, echoed with its precision.
        public var location: LocationSummary
        /// Nearest trusts, closest first, one per trust.
        public var trusts: [NearestTrust]
        /// How precisely the location is known, when coarser than exact (e.g. a sector centre).
        public var precisionNote: String?
        /// Other plain-English caveats (outside England, headquarters used, nothing in range).
        public var notices: [String]
    }

    /// The location part of an answer.
    public typealias LocationSummary = ResolvedLocation

    /// A refused query: the location could not be resolved, or a parameter is out of range.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case location(LocationError)
        case query(NearestQueryError)
        public var description: String {
            switch self {
            case .location(let e): return e.description
            case .query(let e): return e.description
            }
        }
    }

    /// Resolves `origin` and returns the `limit` nearest open, ranked trusts (see `GeoIndex.nearestTrusts`).
    /// A Welsh, Scottish or Northern Irish postcode is answered (nearest English trusts) with a caveat.
    public func nearest(
        _ origin: Origin, limit: Int = GeoIndex.defaultLimit, tables: GeoTables = .all, maxDistanceKm: Double? = nil,
        includeClinics: Bool = false
    ) throws(Failure) -> Answer {
        let location: ResolvedLocation
        do {
            switch origin {
            case .postcode(let text): location = try postcodes.resolve(text)
            case .coordinates(let lat, let lon):
                location = try ResolvedLocation.coordinates(latitude: lat, longitude: lon)
            }
        } catch {
            throw .location(error)
        }
        let trusts: [NearestTrust]
        do {
            trusts = try (includeClinics ? indexWithClinics : index).nearestTrusts(
                latitude: location.latitude, longitude: location.longitude,
                limit: limit, tables: tables, maxDistanceKm: maxDistanceKm)
        } catch {
            throw .query(error)
        }
        return Answer(
            location: location, trusts: trusts, precisionNote: Self.precisionNote(location),
            notices: Self.notices(location: location, trusts: trusts, maxDistanceKm: maxDistanceKm))
    }

    static func precisionNote(_ location: ResolvedLocation) -> String? {
        if location.precision == .postTown, let town = location.matchedKey {
            let districts = location.townDistricts
            // A city's dozens of districts are not worth listing.
            let which =
                switch districts.count {
                case 1: "its postcode district \(districts[0])"
                case 2...6: "its \(districts.count) postcode districts (\(districts.joined(separator: ", ")))"
                default: "its \(districts.count) postcode districts"
                }
            return
                "Located by the centre of \(town), \(which); distances are approximate: give your postcode for a closer answer."
        }
        guard let p = location.postcode, let key = location.matchedKey else { return nil }
        switch (p.kind, location.precision) {
        case (.full, .sector):
            return
                "Located by the centre of postcode sector \(key) (usually within about a kilometre of \(p.canonical)); distances are approximate."
        case (.full, .district), (.sector, .district):
            return
                "Located by the centre of postcode district \(key); distances are approximate (a district can span several kilometres)."
        case (.district, .district):
            return "Located by the centre of postcode district \(key); distances are approximate."
        default:
            return nil
        }
    }

    static func notices(location: ResolvedLocation, trusts: [NearestTrust], maxDistanceKm: Double?) -> [String] {
        var notes: [String] = []
        switch location.country {
        case .wales, .scotland, .northernIreland:
            notes.append(
                "\(location.postcode?.canonical ?? location.matchedKey ?? "This location") is in \(location.country.displayName). NHS England's league tables cover trusts in England only; these are the nearest English trusts. Health services in \(location.country.displayName) are run separately."
            )
        case .unknown where location.postcode != nil:
            notes.append(
                "The country of \(location.postcode!.canonical) is not recorded; NHS England's league tables cover trusts in England only."
            )
        default: break
        }
        if trusts.contains(where: \.viaHeadquarters) {
            notes.append(
                "A trust with no inpatient hospital or unit of its own (ambulance trusts, some community and mental health trusts) is placed at its headquarters: those distances are marked HQ."
            )
        }
        if trusts.isEmpty, let maxDistanceKm {
            notes.append("No ranked trust within \(maxDistanceKm) km; try a larger distance or none.")
        }
        return notes
    }
}
