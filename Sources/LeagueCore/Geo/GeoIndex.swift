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
    public static let defaultLimit = 5
    public static let maxLimit = 50
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

    // Points, in k-d tree order (struct of arrays).
    private let px: [Double]
    private let py: [Double]
    private let pz: [Double]
    private let pTrust: [Int32]
    private let pMask: [UInt8]
    private let pPlace: [Int32]
    private let pLatRad: [Double]
    private let pCosLat: [Double]
    private let pLonRad: [Double]
    private let nodes: [Node]

    /// Trusts sorted by ODS code (the tie-break order), with their tables.
    private let trustCodes: [String]
    private let trustTables: [GeoTables]
    /// Places in input order, referenced by `pPlace`.
    private let places: [GeoPlace]

    public let summary: Summary

    /// Number of indexed points (sites plus HQ fallbacks).
    public var pointCount: Int { px.count }

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
            let parent = (s.currentParentOdsCode ?? "").trimmingCharacters(in: .whitespaces)
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

        self.px = raw.map(\.x)
        self.py = raw.map(\.y)
        self.pz = raw.map(\.z)
        self.pTrust = raw.map(\.trust)
        self.pMask = raw.map(\.mask)
        self.pPlace = raw.map(\.place)
        self.pLatRad = raw.map { GeoMath.radians(places[Int($0.place)].latitude) }
        self.pCosLat = raw.map { cos(GeoMath.radians(places[Int($0.place)].latitude)) }
        self.pLonRad = raw.map { GeoMath.radians(places[Int($0.place)].longitude) }
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
    ///
    /// - Parameters:
    ///   - tables: only trusts ranked in one of these tables (default: all).
    ///   - maxDistanceKm: nil = no radius: always the `limit` nearest (fewer only if fewer trusts exist).
    public func nearestTrusts(
        latitude: Double, longitude: Double, limit: Int = GeoIndex.defaultLimit,
        tables: GeoTables = .all, maxDistanceKm: Double? = nil
    ) throws(NearestQueryError) -> [NearestTrust] {
        try Self.validate(latitude: latitude, longitude: longitude, limit: limit, maxDistanceKm: maxDistanceKm)
        let filter = tables.isEmpty ? GeoTables.all.rawValue : tables.rawValue
        guard !nodes.isEmpty, nodes[0].mask & filter != 0 else { return [] }
        let q = GeoMath.unitVector(latitude: latitude, longitude: longitude)
        // Slightly widened chord limit; the exact haversine limit is applied at the end.
        let limitSq = maxDistanceKm.map { GeoMath.squaredChord(forKm: $0) * (1 + 1e-9) + 1e-15 } ?? .infinity
        let k = limit
        let trustCount = trustCodes.count

        // Phase 1 searches in chord space only (no trigonometry): best-first over the k-d tree, the
        // nearest chord per trust, and a max-heap of the k best trusts by (chord, trust). It records as
        // candidates the points that could still be their trust's nearest. Phase 2 computes the
        // haversine distance (bit-identical to the brute-force scan) for the candidates of the trusts
        // within `slack` of the k-th chord, and ranks by (km, ODS code). Chord and haversine are both
        // strictly increasing in the true angle; `slack` (1e-9 relative) covers their rounding, so the
        // answer is exactly the brute-force one, ties included.
        let slack = 1 + 1e-9
        typealias Entry = (chord: Double, trust: Int32)
        let pointCount = px.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: trustCount) { bestChord in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: trustCount) { posInTop in
                withUnsafeTemporaryAllocation(of: (Double, Int32).self, capacity: nodes.count + 1) { heap in
                    withUnsafeTemporaryAllocation(of: Entry.self, capacity: k + 1) { top in
                        withUnsafeTemporaryAllocation(of: (point: Int32, chord: Double).self, capacity: pointCount) {
                            candidates in
                            bestChord.initialize(repeating: .infinity)
                            posInTop.initialize(repeating: -1)
                            var heapCount = 0
                            var topCount = 0  // top[0] is the worst of the best k
                            var candidateCount = 0

                            func push(_ b: Double, _ node: Int32) {
                                var i = heapCount
                                heapCount += 1
                                while i > 0 {
                                    let parent = (i - 1) / 2
                                    if heap[parent].0 <= b { break }
                                    heap[i] = heap[parent]
                                    i = parent
                                }
                                heap[i] = (b, node)
                            }
                            func pop() -> (Double, Int32) {
                                let result = heap[0]
                                heapCount -= 1
                                if heapCount > 0 {
                                    let last = heap[heapCount]
                                    var i = 0
                                    while true {
                                        let l = 2 * i + 1
                                        if l >= heapCount { break }
                                        var c = l
                                        if l + 1 < heapCount, heap[l + 1].0 < heap[l].0 { c = l + 1 }
                                        if heap[c].0 >= last.0 { break }
                                        heap[i] = heap[c]
                                        i = c
                                    }
                                    heap[i] = last
                                }
                                return result
                            }
                            @inline(__always) func worse(_ a: Entry, _ b: Entry) -> Bool {
                                a.chord > b.chord || (a.chord == b.chord && a.trust > b.trust)
                            }
                            @inline(__always) func put(_ e: Entry, at index: Int) {
                                top[index] = e
                                posInTop[Int(e.trust)] = Int32(index)
                            }
                            func siftUp(_ start: Int) {
                                var i = start
                                let e = top[i]
                                while i > 0 {
                                    let parent = (i - 1) / 2
                                    if !worse(e, top[parent]) { break }
                                    put(top[parent], at: i)
                                    i = parent
                                }
                                put(e, at: i)
                            }
                            func siftDown(_ start: Int) {
                                var i = start
                                let e = top[i]
                                while true {
                                    let l = 2 * i + 1
                                    if l >= topCount { break }
                                    var c = l
                                    if l + 1 < topCount, worse(top[l + 1], top[l]) { c = l + 1 }
                                    if !worse(top[c], e) { break }
                                    put(top[c], at: i)
                                    i = c
                                }
                                put(e, at: i)
                            }
                            @inline(__always) func boxBound(_ n: Node) -> Double {
                                let dx = max(0, n.minX - q.x, q.x - n.maxX)
                                let dy = max(0, n.minY - q.y, q.y - n.maxY)
                                let dz = max(0, n.minZ - q.z, q.z - n.maxZ)
                                return dx * dx + dy * dy + dz * dz
                            }

                            // Phase 1.
                            px.withUnsafeBufferPointer { xs in
                                py.withUnsafeBufferPointer { ys in
                                    pz.withUnsafeBufferPointer { zs in
                                        pTrust.withUnsafeBufferPointer { trs in
                                            pMask.withUnsafeBufferPointer { masks in
                                                nodes.withUnsafeBufferPointer { nodes in
                                                    push(boxBound(nodes[0]), 0)
                                                    while heapCount > 0 {
                                                        let (bound, id) = pop()
                                                        if bound > limitSq { break }
                                                        if topCount == k, bound > top[0].chord * slack { break }
                                                        // Descend to a leaf through the nearer child, queueing the farther one.
                                                        var node = nodes[Int(id)]
                                                        var reachedLeaf = true
                                                        while node.left >= 0 {
                                                            let cutoff =
                                                                topCount == k
                                                                ? min(limitSq, top[0].chord * slack) : limitSq
                                                            let l = nodes[Int(node.left)], r = nodes[Int(node.right)]
                                                            let lOK = l.mask & filter != 0, rOK = r.mask & filter != 0
                                                            let lb = lOK ? boxBound(l) : .infinity
                                                            let rb = rOK ? boxBound(r) : .infinity
                                                            let (nearB, nearID, nearOK, farB, farID, farOK) =
                                                                lb <= rb
                                                                ? (lb, node.left, lOK, rb, node.right, rOK)
                                                                : (rb, node.right, rOK, lb, node.left, lOK)
                                                            if farOK, farB <= cutoff { push(farB, farID) }
                                                            guard nearOK, nearB <= cutoff else {
                                                                reachedLeaf = false; break
                                                            }
                                                            node = nodes[Int(nearID)]
                                                        }
                                                        guard reachedLeaf else { continue }
                                                        for i in Int(node.start)..<Int(node.end)
                                                        where masks[i] & filter != 0 {
                                                            let dx = xs[i] - q.x, dy = ys[i] - q.y, dz = zs[i] - q.z
                                                            let d = dx * dx + dy * dy + dz * dz
                                                            if d > limitSq { continue }
                                                            if topCount == k, d > top[0].chord * slack { continue }
                                                            let t = Int(trs[i])
                                                            if d > bestChord[t] * slack { continue }
                                                            candidates[candidateCount] = (Int32(i), d)
                                                            candidateCount += 1
                                                            guard d < bestChord[t] else { continue }
                                                            bestChord[t] = d
                                                            let entry: Entry = (d, Int32(t))
                                                            let at = Int(posInTop[t])
                                                            if at >= 0 {
                                                                top[at] = entry
                                                                siftDown(at)
                                                            } else if topCount < k {
                                                                top[topCount] = entry
                                                                topCount += 1
                                                                siftUp(topCount - 1)
                                                            } else if worse(top[0], entry) {
                                                                posInTop[Int(top[0].trust)] = -1
                                                                top[0] = entry
                                                                siftDown(0)
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }

                            // Phase 2.
                            let cutoff = topCount == k ? top[0].chord * slack : Double.infinity
                            var bestKm: [(km: Double, trust: Int32, point: Int32)] = []
                            bestKm.reserveCapacity(k + 8)
                            // Reuse posInTop as "index in bestKm" (-1 = none yet).
                            posInTop.update(repeating: -1)
                            let qLat = GeoMath.radians(latitude), qCos = cos(qLat), qLon = GeoMath.radians(longitude)
                            for c in 0..<candidateCount {
                                let (point, d) = candidates[c]
                                let i = Int(point)
                                let t = Int(pTrust[i])
                                guard bestChord[t] <= cutoff, d <= bestChord[t] * slack else { continue }
                                let km = GeoMath.haversineKm(
                                    radLat1: qLat, cosLat1: qCos, radLon1: qLon,
                                    radLat2: pLatRad[i], cosLat2: pCosLat[i], radLon2: pLonRad[i])
                                if let maxKm = maxDistanceKm, km > maxKm { continue }
                                let at = Int(posInTop[t])
                                if at < 0 {
                                    posInTop[t] = Int32(bestKm.count)
                                    bestKm.append((km, Int32(t), point))
                                } else if km < bestKm[at].km {
                                    bestKm[at] = (km, Int32(t), point)
                                }
                            }
                            bestKm.sort { $0.km != $1.km ? $0.km < $1.km : $0.trust < $1.trust }
                            return bestKm.prefix(k).map { e in
                                let t = Int(e.trust)
                                return NearestTrust(
                                    odsCode: trustCodes[t], tables: trustTables[t],
                                    place: places[Int(pPlace[Int(e.point)])], distanceKm: e.km)
                            }
                        }
                    }
                }
            }
        }
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
        let filter = tables.isEmpty ? GeoTables.all.rawValue : tables.rawValue
        let qLat = GeoMath.radians(latitude), qCos = cos(qLat), qLon = GeoMath.radians(longitude)
        var bestKm = [Double](repeating: .infinity, count: trustCodes.count)
        var bestPoint = [Int](repeating: -1, count: trustCodes.count)
        for i in 0..<px.count where pMask[i] & filter != 0 {
            let km = GeoMath.haversineKm(
                radLat1: qLat, cosLat1: qCos, radLon1: qLon,
                radLat2: pLatRad[i], cosLat2: pCosLat[i], radLon2: pLonRad[i])
            if let maxKm = maxDistanceKm, km > maxKm { continue }
            let t = Int(pTrust[i])
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
        return top.map { km, t in
            NearestTrust(
                odsCode: trustCodes[t], tables: trustTables[t],
                place: places[Int(pPlace[bestPoint[t]])], distanceKm: km)
        }
    }
}
