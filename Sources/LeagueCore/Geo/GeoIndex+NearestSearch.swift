import Foundation

// The exact k-nearest-trusts search behind `GeoIndex.nearestTrusts`, in two phases:
//
// 1. `ChordSearch` (chord space, no trigonometry): best-first over the k-d tree, keeping the
//    nearest chord per trust and the k best trusts by (chord, trust). It records as candidates
//    the points that could still be their trust's nearest point.
// 2. `rankByHaversine`: the haversine distance (bit-identical to the brute-force scan) of the
//    candidates of the trusts within `chordSlack` of the k-th chord, ranked by (km, ODS code).
//
// Chord and haversine both increase strictly with the true angle; `chordSlack` covers their
// rounding, so the answer is exactly the brute-force one, ties included.

extension GeoIndex {
    /// Relative widening of every chord comparison. The chord (a squared Euclidean distance of
    /// unit vectors) and the haversine kilometres are computed by different formulas, so two
    /// points in one order by the exact angle can swap by a few ulps (~1e-16 relative) in chord
    /// space. 1e-9 is far above that rounding, so no point that could tie or beat the k-th
    /// trust in kilometres is pruned, and far below any real gap (1e-9 of a chord is
    /// micrometres on the ground), so pruning loses nothing.
    static let chordSlack = 1 + 1e-9

    /// Widening of the `maxDistanceKm` chord limit: the same relative rounding margin as
    /// `chordSlack`, plus an absolute 1e-15 so a radius of a few metres (chord² ~ 1e-12) still
    /// admits a point exactly on it. The exact kilometre limit is applied in phase 2.
    static func chordLimit(forMaxDistanceKm km: Double?) -> Double {
        guard let km else { return .infinity }
        return GeoMath.squaredChord(forKm: km) * chordSlack + 1e-15
    }

    /// The nearest-trust search proper (arguments validated by the caller).
    func searchNearest(
        latitude: Double, longitude: Double, limit: Int, tableMask: UInt8, maxDistanceKm: Double?
    ) -> [NearestTrust] {
        guard !nodes.isEmpty, nodes[0].mask & tableMask != 0 else { return [] }
        let rows = withSearchScratch(limit: limit) { scratch in
            var search = ChordSearch(
                points: scratch.points, nodes: scratch.nodes,
                query: GeoMath.unitVector(latitude: latitude, longitude: longitude),
                tableMask: tableMask, chordLimit: Self.chordLimit(forMaxDistanceKm: maxDistanceKm),
                bestChord: scratch.bestChord, frontier: ScratchHeap(storage: scratch.frontier),
                best: ScratchHeap(storage: scratch.best), candidates: scratch.candidates)
            search.run()
            return Self.rankByHaversine(
                search, pointTrig: scratch.pointTrig, latitude: latitude, longitude: longitude, limit: limit,
                maxDistanceKm: maxDistanceKm, bestOf: scratch.bestOf)
        }
        return rows.map { nearestTrust(trust: Int($0.trust), point: Int($0.point), km: $0.km) }
    }

    /// Memory for one query, on the stack: nothing is allocated on the heap in phase 1.
    struct SearchScratch {
        var points: UnsafeBufferPointer<IndexedPoint>
        var pointTrig: UnsafeBufferPointer<PointTrig>
        var nodes: UnsafeBufferPointer<Node>
        /// Per trust: its nearest chord so far (phase 1).
        var bestChord: UnsafeMutableBufferPointer<Double>
        /// Per trust: its row in the phase-2 ranking (-1 = none yet).
        var bestOf: UnsafeMutableBufferPointer<Int32>
        /// Boxes to visit; at most every node is queued once.
        var frontier: UnsafeMutableBufferPointer<BoxEntry>
        /// The k best trusts.
        var best: UnsafeMutableBufferPointer<TrustEntry>
        /// Points that may be their trust's nearest; each point is recorded at most once.
        var candidates: UnsafeMutableBufferPointer<Candidate>
    }

    /// Runs `body` with this query's memory. The closures capture copies of the arrays, not
    /// `self`: a captured `GeoIndex` would be copied (a retain per array) at every level.
    private func withSearchScratch<R>(limit: Int, _ body: (SearchScratch) -> R) -> R {
        let trustCount = trustCodes.count
        let points = self.points, pointTrig = self.pointTrig, nodes = self.nodes
        return points.withUnsafeBufferPointer { points in
            pointTrig.withUnsafeBufferPointer { pointTrig in
                nodes.withUnsafeBufferPointer { nodes in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: trustCount) { bestChord in
                        withUnsafeTemporaryAllocation(of: Int32.self, capacity: trustCount) { bestOf in
                            withUnsafeTemporaryAllocation(of: BoxEntry.self, capacity: nodes.count) { frontier in
                                withUnsafeTemporaryAllocation(of: TrustEntry.self, capacity: limit) { best in
                                    withUnsafeTemporaryAllocation(of: Candidate.self, capacity: points.count) {
                                        candidates in
                                        bestChord.initialize(repeating: .infinity)
                                        bestOf.initialize(repeating: -1)
                                        return body(
                                            SearchScratch(
                                                points: points, pointTrig: pointTrig, nodes: nodes,
                                                bestChord: bestChord, bestOf: bestOf, frontier: frontier, best: best,
                                                candidates: candidates))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A k-d tree box waiting to be visited, with the lower bound of its chord² to the query.
    struct BoxEntry {
        var bound: Double
        var node: Int32
    }

    /// The nearest box on top.
    enum NearestBoxFirst: HeapOrder {
        static func isAbove(_ a: BoxEntry, _ b: BoxEntry) -> Bool { a.bound < b.bound }
    }

    /// A trust and its nearest chord² so far.
    struct TrustEntry {
        var chord: Double
        var trust: Int32

        /// Ranked after `other`: farther, or as near with a later ODS code (the tie-break).
        func isWorse(than other: TrustEntry) -> Bool {
            chord > other.chord || (chord == other.chord && trust > other.trust)
        }
    }

    /// The worst of the k best trusts on top, so that a better trust replaces it.
    enum WorstTrustFirst: HeapOrder {
        static func isAbove(_ a: TrustEntry, _ b: TrustEntry) -> Bool { a.isWorse(than: b) }
    }

    /// A point that may be its trust's nearest, with its chord².
    struct Candidate {
        var point: Int32
        var chord: Double
    }

    /// Phase 1: best-first search in chord space.
    struct ChordSearch {
        let points: UnsafeBufferPointer<IndexedPoint>
        let nodes: UnsafeBufferPointer<Node>
        let query: (x: Double, y: Double, z: Double)
        let tableMask: UInt8
        /// chord² beyond which nothing is wanted (`maxDistanceKm`), or infinity.
        let chordLimit: Double
        let bestChord: UnsafeMutableBufferPointer<Double>
        var frontier: ScratchHeap<NearestBoxFirst>
        var best: ScratchHeap<WorstTrustFirst>
        let candidates: UnsafeMutableBufferPointer<Candidate>
        private(set) var candidateCount = 0

        init(
            points: UnsafeBufferPointer<IndexedPoint>, nodes: UnsafeBufferPointer<Node>,
            query: (x: Double, y: Double, z: Double), tableMask: UInt8, chordLimit: Double,
            bestChord: UnsafeMutableBufferPointer<Double>, frontier: ScratchHeap<NearestBoxFirst>,
            best: ScratchHeap<WorstTrustFirst>, candidates: UnsafeMutableBufferPointer<Candidate>
        ) {
            self.points = points
            self.nodes = nodes
            self.query = query
            self.tableMask = tableMask
            self.chordLimit = chordLimit
            self.bestChord = bestChord
            self.frontier = frontier
            self.best = best
            self.candidates = candidates
        }

        /// chord² beyond which a point or box cannot change the answer: the radius, and once
        /// k trusts are known, the k-th trust's chord (widened by `chordSlack`).
        var cutoff: Double {
            best.isFull ? min(chordLimit, best.top.chord * GeoIndex.chordSlack) : chordLimit
        }

        mutating func run() {
            frontier.push(BoxEntry(bound: boxBound(nodes[0]), node: 0))
            while !frontier.isEmpty {
                let box = frontier.popTop()
                // The queue is nearest first: once its nearest box is out of reach, all are.
                guard box.bound <= cutoff else { break }
                if let leaf = descendToLeaf(from: nodes[Int(box.node)]) { scanLeaf(leaf) }
            }
        }

        /// Goes down through the nearer child of each node, queueing the farther one when it is
        /// within reach; nil when the nearer child is out of reach (or has no trust of the tables).
        private mutating func descendToLeaf(from start: Node) -> Node? {
            var node = start
            while node.left >= 0 {
                let reach = cutoff
                let left = bounded(node.left), right = bounded(node.right)
                let (near, far) = left.bound <= right.bound ? (left, right) : (right, left)
                if far.bound <= reach { frontier.push(far) }
                guard near.bound <= reach else { return nil }
                node = nodes[Int(near.node)]
            }
            return node
        }

        /// The child's box entry; its bound is infinite when it holds no trust of the tables.
        private func bounded(_ child: Int32) -> BoxEntry {
            let node = nodes[Int(child)]
            return BoxEntry(bound: node.mask & tableMask != 0 ? boxBound(node) : .infinity, node: child)
        }

        /// chord² from the query to the nearest point of the node's box (0 inside it).
        @inline(__always) private func boxBound(_ n: Node) -> Double {
            let dx = max(0, n.minX - query.x, query.x - n.maxX)
            let dy = max(0, n.minY - query.y, query.y - n.maxY)
            let dz = max(0, n.minZ - query.z, query.z - n.maxZ)
            return dx * dx + dy * dy + dz * dz
        }

        private mutating func scanLeaf(_ leaf: Node) {
            for i in Int(leaf.start)..<Int(leaf.end) where points[i].mask & tableMask != 0 {
                let p = points[i]
                let dx = p.x - query.x, dy = p.y - query.y, dz = p.z - query.z
                let chord = dx * dx + dy * dy + dz * dz
                guard chord <= cutoff else { continue }
                let trust = Int(p.trust)
                // Not within rounding of the trust's nearest point: it can never be the nearest.
                guard chord <= bestChord[trust] * GeoIndex.chordSlack else { continue }
                candidates[candidateCount] = Candidate(point: Int32(i), chord: chord)
                candidateCount += 1
                if chord < bestChord[trust] { trustGotCloser(trust, chord: chord) }
            }
        }

        /// Records the trust's new nearest chord and keeps `best` the k best trusts.
        private mutating func trustGotCloser(_ trust: Int, chord: Double) {
            let previous = TrustEntry(chord: bestChord[trust], trust: Int32(trust))
            bestChord[trust] = chord
            let entry = TrustEntry(chord: chord, trust: Int32(trust))
            // `best` holds the k best trusts of all seen, so the trust is in it exactly when its
            // previous entry was seen and is not worse than the k-th.
            let wasAmongBest = previous.chord.isFinite && !(best.isFull && previous.isWorse(than: best.top))
            if wasAmongBest, let at = best.firstIndex(where: { $0.trust == entry.trust }) {
                best.replace(at: at, with: entry)
            } else if !best.isFull {
                best.push(entry)
            } else if best.top.isWorse(than: entry) {
                best.replace(at: 0, with: entry)
            }
        }
    }

    /// Phase 2: haversine kilometres for the candidates of the trusts that can be among the k
    /// nearest, each trust's nearest point, then the k best by (km, ODS code).
    /// Returns (km, trust, point) rows, best first.
    static func rankByHaversine(
        _ search: ChordSearch, pointTrig: UnsafeBufferPointer<PointTrig>, latitude: Double, longitude: Double,
        limit: Int, maxDistanceKm: Double?, bestOf: UnsafeMutableBufferPointer<Int32>
    ) -> ArraySlice<(km: Double, trust: Int32, point: Int32)> {
        let kthChord = search.best.isFull ? search.best.top.chord * Self.chordSlack : .infinity
        var ranked: [(km: Double, trust: Int32, point: Int32)] = []
        ranked.reserveCapacity(limit + 8)
        let qLat = GeoMath.radians(latitude), qCos = cos(qLat), qLon = GeoMath.radians(longitude)
        for c in 0..<search.candidateCount {
            let candidate = search.candidates[c]
            let i = Int(candidate.point)
            let trust = Int(search.points[i].trust)
            let trustChord = search.bestChord[trust]
            guard trustChord <= kthChord, candidate.chord <= trustChord * Self.chordSlack else { continue }
            let trig = pointTrig[i]
            let km = GeoMath.haversineKm(
                radLat1: qLat, cosLat1: qCos, radLon1: qLon,
                radLat2: trig.latRad, cosLat2: trig.cosLat, radLon2: trig.lonRad)
            if let maxKm = maxDistanceKm, km > maxKm { continue }
            let row = Int(bestOf[trust])
            if row < 0 {
                bestOf[trust] = Int32(ranked.count)
                ranked.append((km, Int32(trust), Int32(i)))
            } else if km < ranked[row].km
                || (km == ranked[row].km && trig.place < pointTrig[Int(ranked[row].point)].place)
            {
                // As near (sites at one postcode share its coordinates): the place given first
                // wins, whatever the tree's order (`GeoSiteInput.places` gives hospitals first).
                ranked[row] = (km, Int32(trust), Int32(i))
            }
        }
        ranked.sort { $0.km != $1.km ? $0.km < $1.km : $0.trust < $1.trust }
        return ranked.prefix(limit)
    }
}
