import Foundation

/// The league tables a trust appears in, as a bit set (fast filtering inside the index).
public struct GeoTables: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let acute = GeoTables(rawValue: 1)
    public static let nonAcute = GeoTables(rawValue: 2)
    public static let ambulance = GeoTables(rawValue: 4)
    public static let all: GeoTables = [.acute, .nonAcute, .ambulance]
}

/// A trust as the geographic index needs it.
public struct GeoTrustInput: Sendable, Equatable {
    public var odsCode: String
    /// Tables the trust is ranked in; a trust in no table is never a result.
    public var tables: GeoTables
    /// False for a closed trust (never a result); nil when the open status is not recorded.
    public var isOpen: Bool?
    public var headquartersPostcode: String?
    public var headquartersLatitude: Double?
    public var headquartersLongitude: Double?

    public init(
        odsCode: String, tables: GeoTables, isOpen: Bool?, headquartersPostcode: String?,
        headquartersLatitude: Double?, headquartersLongitude: Double?
    ) {
        self.odsCode = odsCode
        self.tables = tables
        self.isOpen = isOpen
        self.headquartersPostcode = headquartersPostcode
        self.headquartersLatitude = headquartersLatitude
        self.headquartersLongitude = headquartersLongitude
    }
}

/// A hospital site as the geographic index needs it.
public struct GeoSiteInput: Sendable, Equatable {
    public var siteCode: String
    public var name: String
    public var postcode: String?
    public var latitude: Double?
    public var longitude: Double?
    /// The trust that runs the site today; nil/blank = unknown (never attributed to a trust).
    public var currentParentOdsCode: String?
    /// True when the site reached its current parent only through successor records (a
    /// merger or split), not because the published site lists name that trust.
    public var parentIsDerived: Bool

    public init(
        siteCode: String, name: String, postcode: String?, latitude: Double?, longitude: Double?,
        currentParentOdsCode: String?, parentIsDerived: Bool = false
    ) {
        self.siteCode = siteCode
        self.name = name
        self.postcode = postcode
        self.latitude = latitude
        self.longitude = longitude
        self.currentParentOdsCode = currentParentOdsCode
        self.parentIsDerived = parentIsDerived
    }
}

/// The place a trust was measured from: its nearest site, or its headquarters when it has no known site.
/// (A final class so that an answer row copies one reference, not four strings.)
public final class GeoPlace: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case site
        case headquarters
    }
    public let kind: Kind
    /// Site code (nil for headquarters).
    public let siteCode: String?
    /// Site name (nil for headquarters).
    public let name: String?
    public let postcode: String?
    public let latitude: Double
    public let longitude: Double

    public init(kind: Kind, siteCode: String?, name: String?, postcode: String?, latitude: Double, longitude: Double) {
        self.kind = kind
        self.siteCode = siteCode
        self.name = name
        self.postcode = postcode
        self.latitude = latitude
        self.longitude = longitude
    }

    public static func == (a: GeoPlace, b: GeoPlace) -> Bool {
        a.kind == b.kind && a.siteCode == b.siteCode && a.name == b.name && a.postcode == b.postcode
            && a.latitude == b.latitude && a.longitude == b.longitude
    }

    public var description: String {
        switch kind {
        case .site: return "\(name ?? "?") (\(siteCode ?? "?"), \(postcode ?? "no postcode"))"
        case .headquarters: return "headquarters (\(postcode ?? "no postcode"))"
        }
    }
}

/// One answer row: a trust and its nearest point.
public struct NearestTrust: Sendable, Equatable {
    public var odsCode: String
    public var tables: GeoTables
    public var place: GeoPlace
    public var distanceKm: Double
    public var distanceMiles: Double { GeoMath.miles(fromKm: distanceKm) }
    /// True when the trust has no known site with coordinates and its headquarters was used.
    public var viaHeadquarters: Bool { place.kind == .headquarters }
}

/// Why a nearest-trust query was refused.
public enum NearestQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    case latitudeOutOfRange(Double)
    case longitudeOutOfRange(Double)
    case limitOutOfRange(Int)
    case maxDistanceOutOfRange(Double)

    public var description: String {
        switch self {
        case .latitudeOutOfRange(let v): return "latitude \(v) is out of range (-90 to 90)"
        case .longitudeOutOfRange(let v): return "longitude \(v) is out of range (-180 to 180)"
        case .limitOutOfRange(let v): return "limit \(v) is out of range (1 to \(GeoIndex.maxLimit))"
        case .maxDistanceOutOfRange(let v): return "maximum distance \(v) km must be a positive number"
        }
    }
}

/// Immutable spatial index of the places (sites, or HQ as a fallback) of every open, ranked trust.
///
/// Points are unit vectors on the sphere, held in a 3-D k-d tree; the straight-line distance
/// between unit vectors increases strictly with great-circle distance, so a best-first search
/// with exact box lower bounds finds exactly the same trusts as a brute-force haversine scan.
/// The search keeps one entry per trust (its nearest point) and stops as soon as the k-th
/// trust found is strictly closer than every unvisited box.
public struct GeoIndex: Sendable {
    /// Trusts answered when the caller does not say: a short list a person can compare at a glance.
    public static let defaultLimit = 5
    /// The most trusts one query may ask for: bounds the answer's size and the search's stack memory.
    public static let maxLimit = 50
    /// Points per k-d tree leaf: scanning 8 points costs about as much as testing the two boxes
    /// that would split them, so smaller leaves buy no pruning, and larger ones scan points that
    /// a box test would have skipped.
    static let leafSize = 8

    /// What went in and what was left out, for logs and `info`.
    public struct Summary: Sendable, Equatable {
        /// Open, ranked trusts (the possible results).
        public var eligibleTrusts: Int
        /// Sites with coordinates attributed to an eligible trust.
        public var sitesIndexed: Int
        /// Trusts located by their headquarters because no site with coordinates is known.
        public var trustsViaHeadquarters: [String]
        /// Eligible trusts with neither a site nor HQ coordinates (can never be a result).
        public var trustsWithoutLocation: [String]
        /// Sites with no known current parent (kept out: never attributed to a trust).
        public var sitesWithUnknownParent: Int
        /// Sites whose parent is not an open ranked trust (independent providers, unranked/closed trusts).
        public var sitesWithIneligibleParent: Int
        /// Sites of eligible trusts without coordinates.
        public var sitesWithoutCoordinates: Int
    }

    struct Node {
        var minX, minY, minZ, maxX, maxY, maxZ: Double
        var start: Int32, end: Int32
        var left: Int32, right: Int32  // -1 for a leaf
        var mask: UInt8
    }

    /// What phase 1 of the search reads per point: its unit vector, trust and tables.
    struct IndexedPoint {
        var x, y, z: Double
        var trust: Int32
        var mask: UInt8
    }

    /// What phase 2 reads per point: its pre-computed trigonometry (so that the index and the
    /// brute-force scan compute bit-identical haversine distances) and its place.
    struct PointTrig {
        var latRad, cosLat, lonRad: Double
        var place: Int32
    }

    /// Points, in k-d tree order.
    let points: [IndexedPoint]
    /// The same points' trigonometry and places, in the same order.
    let pointTrig: [PointTrig]
    let nodes: [Node]

    /// Trusts sorted by ODS code (the tie-break order), with their tables.
    let trustCodes: [String]
    private let trustTables: [GeoTables]
    /// Places in input order, referenced by `PointTrig.place`.
    private let places: [GeoPlace]

    public let summary: Summary

    /// Number of indexed points (sites plus HQ fallbacks).
    public var pointCount: Int { points.count }

    public init(trusts: [GeoTrustInput], sites: [GeoSiteInput]) {
        var eligible: [String: GeoTrustInput] = [:]
        for t in trusts where t.isOpen != false && !t.tables.isEmpty {
            if eligible[t.odsCode] == nil { eligible[t.odsCode] = t }
        }
        let codes = eligible.keys.sorted()
        var trustIndex: [String: Int32] = [:]
        for (i, c) in codes.enumerated() { trustIndex[c] = Int32(i) }

        var places: [GeoPlace] = []
        var raw: [(x: Double, y: Double, z: Double, trust: Int32, mask: UInt8, place: Int32)] = []
        var located = Set<String>()
        var unknownParent = 0, ineligibleParent = 0, noCoordinates = 0
        for s in sites {
            let parent = (s.currentParentOdsCode ?? "").trimmedWhitespace
            if parent.isEmpty { unknownParent += 1; continue }
            guard let ti = trustIndex[parent], let t = eligible[parent] else { ineligibleParent += 1; continue }
            guard let lat = s.latitude, let lon = s.longitude,
                GeoMath.isValidLatitude(lat), GeoMath.isValidLongitude(lon)
            else { noCoordinates += 1; continue }
            let v = GeoMath.unitVector(latitude: lat, longitude: lon)
            places.append(
                GeoPlace(
                    kind: .site, siteCode: s.siteCode, name: s.name, postcode: s.postcode,
                    latitude: lat, longitude: lon))
            raw.append((v.x, v.y, v.z, ti, t.tables.rawValue, Int32(places.count - 1)))
            // Only a site the published lists name under this trust shows where the trust's own
            // hospitals are. A trust whose every known site was inherited through a merger (e.g.
            // Manchester University NHS FT: only North Manchester General, from Pennine Acute) has
            // its own hospitals missing from the lists, so its headquarters is indexed as well.
            if !s.parentIsDerived { located.insert(parent) }
        }
        var viaHQ: [String] = [], unlocated: [String] = []
        for c in codes where !located.contains(c) {
            let t = eligible[c]!
            guard let lat = t.headquartersLatitude, let lon = t.headquartersLongitude,
                GeoMath.isValidLatitude(lat), GeoMath.isValidLongitude(lon)
            else { unlocated.append(c); continue }
            let v = GeoMath.unitVector(latitude: lat, longitude: lon)
            places.append(
                GeoPlace(
                    kind: .headquarters, siteCode: nil, name: nil, postcode: t.headquartersPostcode,
                    latitude: lat, longitude: lon))
            raw.append((v.x, v.y, v.z, trustIndex[c]!, t.tables.rawValue, Int32(places.count - 1)))
            viaHQ.append(c)
        }

        // Build the k-d tree, reordering `raw` in place.
        var nodes: [Node] = []
        nodes.reserveCapacity(2 * raw.count / Self.leafSize + 2)
        func build(_ lo: Int, _ hi: Int) -> Int32 {
            var n = Node(
                minX: .infinity, minY: .infinity, minZ: .infinity,
                maxX: -.infinity, maxY: -.infinity, maxZ: -.infinity,
                start: Int32(lo), end: Int32(hi), left: -1, right: -1, mask: 0)
            for i in lo..<hi {
                let p = raw[i]
                n.minX = min(n.minX, p.x); n.maxX = max(n.maxX, p.x)
                n.minY = min(n.minY, p.y); n.maxY = max(n.maxY, p.y)
                n.minZ = min(n.minZ, p.z); n.maxZ = max(n.maxZ, p.z)
                n.mask |= p.mask
            }
            let id = nodes.count
            nodes.append(n)
            if hi - lo > Self.leafSize {
                let ex = n.maxX - n.minX, ey = n.maxY - n.minY, ez = n.maxZ - n.minZ
                let axis = ex >= ey && ex >= ez ? 0 : (ey >= ez ? 1 : 2)
                raw[lo..<hi].sort { a, b in
                    switch axis {
                    case 0: return a.x < b.x
                    case 1: return a.y < b.y
                    default: return a.z < b.z
                    }
                }
                let mid = (lo + hi) / 2
                let l = build(lo, mid)
                let r = build(mid, hi)
                nodes[id].left = l
                nodes[id].right = r
            }
            return Int32(id)
        }
        if !raw.isEmpty { _ = build(0, raw.count) }

        self.points = raw.map { IndexedPoint(x: $0.x, y: $0.y, z: $0.z, trust: $0.trust, mask: $0.mask) }
        self.pointTrig = raw.map {
            let place = places[Int($0.place)]
            let latRad = GeoMath.radians(place.latitude)
            return PointTrig(
                latRad: latRad, cosLat: cos(latRad), lonRad: GeoMath.radians(place.longitude), place: $0.place)
        }
        self.nodes = nodes
        self.trustCodes = codes
        self.trustTables = codes.map { eligible[$0]!.tables }
        self.places = places
        self.summary = Summary(
            eligibleTrusts: codes.count, sitesIndexed: places.count - viaHQ.count,
            trustsViaHeadquarters: viaHQ, trustsWithoutLocation: unlocated,
            sitesWithUnknownParent: unknownParent, sitesWithIneligibleParent: ineligibleParent,
            sitesWithoutCoordinates: noCoordinates)
    }

    /// The eligible (open, ranked) trusts, sorted by ODS code.
    public var eligibleTrustCodes: [String] { trustCodes }

    static func validate(latitude: Double, longitude: Double, limit: Int, maxDistanceKm: Double?)
        throws(NearestQueryError)
    {
        guard GeoMath.isValidLatitude(latitude) else { throw .latitudeOutOfRange(latitude) }
        guard GeoMath.isValidLongitude(longitude) else { throw .longitudeOutOfRange(longitude) }
        guard limit >= 1, limit <= maxLimit else { throw .limitOutOfRange(limit) }
        if let d = maxDistanceKm, !(d.isFinite && d > 0) { throw .maxDistanceOutOfRange(d) }
    }

    /// The `limit` nearest open, ranked trusts to a point, one entry per trust (ranked by the
    /// trust's nearest site, or its HQ when it has no known site), closest first; ties by ODS code.
    /// The steps are in `GeoIndex+NearestSearch.swift`.
    ///
    /// - Parameters:
    ///   - tables: only trusts ranked in one of these tables (default: all).
    ///   - maxDistanceKm: nil = no radius: always the `limit` nearest (fewer only if fewer trusts exist).
    public func nearestTrusts(
        latitude: Double, longitude: Double, limit: Int = GeoIndex.defaultLimit,
        tables: GeoTables = .all, maxDistanceKm: Double? = nil
    ) throws(NearestQueryError) -> [NearestTrust] {
        try Self.validate(latitude: latitude, longitude: longitude, limit: limit, maxDistanceKm: maxDistanceKm)
        return searchNearest(
            latitude: latitude, longitude: longitude, limit: limit, tableMask: Self.tableMask(tables),
            maxDistanceKm: maxDistanceKm)
    }

    /// The tables' bits; no table means every table.
    static func tableMask(_ tables: GeoTables) -> UInt8 {
        tables.isEmpty ? GeoTables.all.rawValue : tables.rawValue
    }

    /// One answer row.
    func nearestTrust(trust: Int, point: Int, km: Double) -> NearestTrust {
        NearestTrust(
            odsCode: trustCodes[trust], tables: trustTables[trust], place: places[Int(pointTrig[point].place)],
            distanceKm: km)
    }

    /// Reference implementation: the haversine distance to every indexed point (no spatial index,
    /// no pruning), the minimum per trust, then the `limit` smallest by (distance, ODS code).
    /// Same contract and bit-identical distances as `nearestTrusts`; used by the tests and as the
    /// benchmark's reference (it shares the per-point pre-computed trigonometry, so the comparison
    /// measures the search, not the cosine).
    public func nearestTrustsBruteForce(
        latitude: Double, longitude: Double, limit: Int = GeoIndex.defaultLimit,
        tables: GeoTables = .all, maxDistanceKm: Double? = nil
    ) throws(NearestQueryError) -> [NearestTrust] {
        try Self.validate(latitude: latitude, longitude: longitude, limit: limit, maxDistanceKm: maxDistanceKm)
        let filter = Self.tableMask(tables)
        let qLat = GeoMath.radians(latitude), qCos = cos(qLat), qLon = GeoMath.radians(longitude)
        var bestKm = [Double](repeating: .infinity, count: trustCodes.count)
        var bestPoint = [Int](repeating: -1, count: trustCodes.count)
        for i in 0..<points.count where points[i].mask & filter != 0 {
            let trig = pointTrig[i]
            let km = GeoMath.haversineKm(
                radLat1: qLat, cosLat1: qCos, radLon1: qLon,
                radLat2: trig.latRad, cosLat2: trig.cosLat, radLon2: trig.lonRad)
            if let maxKm = maxDistanceKm, km > maxKm { continue }
            let t = Int(points[i].trust)
            if km < bestKm[t] { bestKm[t] = km; bestPoint[t] = i }
        }
        // Keep the `limit` best trusts in a small sorted array.
        var top: [(Double, Int)] = []
        top.reserveCapacity(limit + 1)
        for t in 0..<trustCodes.count where bestPoint[t] >= 0 {
            let e = (bestKm[t], t)
            if top.count == limit, !(e < top[limit - 1]) { continue }
            var pos = top.count
            while pos > 0, e < top[pos - 1] { pos -= 1 }
            top.insert(e, at: pos)
            if top.count > limit { top.removeLast() }
        }
        return top.map { km, t in nearestTrust(trust: t, point: bestPoint[t], km: km) }
    }
}
