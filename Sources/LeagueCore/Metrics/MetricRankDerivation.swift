/// Re-derives published metric ranks from published values (the check behind `rank_check`).
///
/// NHS England ranks the unrounded values and publishes values rounded to two decimals, so a
/// rank is reproducible when it lies within the places its published value allows: one more than
/// the number of strictly better values, up to the number of values at least as good.
public enum MetricRankDerivation {
    /// The places (`first...last`) a value may hold among `values`, given the direction;
    /// with no direction (all values equal) every place from 1 to the number of equal values.
    public static func allowedPlaces(of value: Double, among values: [Double], direction: MetricDirection?)
        -> ClosedRange<Int>
    {
        var better = 0, same = 0
        for v in values {
            if v == value { same += 1 } else if let d = direction, d.isBetter(v, than: value) { better += 1 }
        }
        return (better + 1)...(better + max(same, 1))
    }

    /// The direction the ranks show in one block: nil when every ranked value is equal;
    /// the first inversion when the ranks order the values neither way.
    public static func direction(of ranked: [(rank: Int, value: Double)]) -> Result<MetricDirection?, Inversion> {
        let sorted = ranked.sorted { $0.rank < $1.rank }
        var up = true, down = true
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            if a.value > b.value { up = false }
            if a.value < b.value { down = false }
            if !up && !down {
                return .failure(Inversion(rank: b.rank, value: b.value, previousRank: a.rank, previousValue: a.value))
            }
        }
        if up && down { return .success(nil) }
        return .success(up ? .lowerIsBetter : .higherIsBetter)
    }

    /// Two consecutive ranks whose values break the order of the earlier ones.
    public struct Inversion: Error, Sendable, Hashable {
        public var rank: Int
        public var value: Double
        public var previousRank: Int
        public var previousValue: Double
    }

    /// How each ranked row's rank re-derives; nil for a row whose rank lies outside its allowed places.
    /// O(n log n): one sort, then counts per distinct value (the loader runs this on every block).
    public static func checks(ranked: [(rank: Int, value: Double)], direction: MetricDirection?) -> [RankCheck?] {
        // Per distinct value: how many rows have it, how many are better, and whether they all share one rank.
        var count: [Double: Int] = [:]
        var firstRank: [Double: Int] = [:]
        var oneRank: [Double: Bool] = [:]
        for row in ranked {
            count[row.value, default: 0] += 1
            if let r = firstRank[row.value] {
                if r != row.rank { oneRank[row.value] = false }
            } else {
                firstRank[row.value] = row.rank
                oneRank[row.value] = true
            }
        }
        var better: [Double: Int] = [:]
        let distinct = count.keys.sorted { a, b in direction.map { $0.isBetter(a, than: b) } ?? (a < b) }
        var ahead = 0
        for v in distinct {
            better[v] = direction == nil ? 0 : ahead
            ahead += count[v]!
        }
        return ranked.map { row in
            let b = better[row.value]!, same = count[row.value]!
            guard (b + 1...b + same).contains(row.rank) else { return nil }
            if same == 1 { return .unique }
            return oneRank[row.value]! ? .tieShared : .tieSplit
        }
    }
}
