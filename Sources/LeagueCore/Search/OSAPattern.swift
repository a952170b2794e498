/// One query word prepared for many `EditDistance` comparisons: Hyyrö's bit-parallel optimal
/// string alignment distance ("A bit-vector algorithm for computing Levenshtein and Damerau
/// edit distances", 2003), one machine word holding a whole column of the table.
///
/// The typo scans compare each query word with up to a few hundred vocabulary words that pass
/// the letter filters; the table-filling `EditDistance.bounded` costs a multiply-add per cell
/// (n × m), this costs about twenty instructions per letter of the vocabulary word. It gives
/// exactly `EditDistance.bounded` and `EditDistance.boundedPrefix`'s answers (tested against
/// them), for query words of 1...32 bytes; longer (and empty) ones use the table.
///
/// Made by `with(_:_:)` and valid only inside its closure: the table of letter positions lives
/// on the stack there.
struct OSAPattern {
    /// Bit i of `positions[b]` is set when byte i of the query is b (256 entries), or empty
    /// when the query does not fit 32 bits.
    private let positions: UnsafeBufferPointer<UInt32>
    /// The query itself (the table's way needs it when it does not fit).
    private let query: UnsafeBufferPointer<UInt8>
    /// The query's length in bytes.
    var count: Int { query.count }

    /// The longest query the bit-parallel way takes: 32 bits a position, so the table of 256
    /// positions is 1 KiB, which `withUnsafeTemporaryAllocation` keeps on the stack. (A heap
    /// table per query word, 2 KiB of 64-bit positions, cost more than all its comparisons:
    /// that size misses malloc's fast path.)
    static let maximumFittingCount = 32

    private init(query: UnsafeBufferPointer<UInt8>, positions: UnsafeBufferPointer<UInt32>) {
        self.query = query
        self.positions = positions
    }

    /// Runs `body` with the pattern of `query`.
    static func with<R>(_ query: UnsafeBufferPointer<UInt8>, _ body: (OSAPattern) -> R) -> R {
        guard (1...maximumFittingCount).contains(query.count) else {
            return body(OSAPattern(query: query, positions: UnsafeBufferPointer(start: nil, count: 0)))
        }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256) { positions in
            positions.initialize(repeating: 0)
            for (i, b) in query.enumerated() { positions[Int(b)] |= 1 << UInt32(i) }
            return body(OSAPattern(query: query, positions: UnsafeBufferPointer(positions)))
        }
    }

    /// The distance between the query and `word` if it is at most `bound`, else nil
    /// (`EditDistance.bounded`).
    func distance(to word: UnsafeBufferPointer<UInt8>, bound: Int) -> Int? {
        if positions.isEmpty { return EditDistance.bounded(query, word, bound: bound) }
        if abs(count - word.count) > bound { return nil }
        var state = State(count: count)
        for b in word { state.step(UInt64(positions[Int(b)])) }
        return state.distance <= bound ? state.distance : nil
    }

    /// The smallest distance between the query and a beginning of `word` (up to `count` +
    /// `bound` letters of it) if it is at most `bound`, else nil (`EditDistance.boundedPrefix`).
    func prefixDistance(to word: UnsafeBufferPointer<UInt8>, bound: Int) -> Int? {
        if positions.isEmpty { return EditDistance.boundedPrefix(query, word, bound: bound) }
        let m = min(word.count, count + bound)
        if m + bound < count { return nil }
        var state = State(count: count)
        var best = state.distance
        for j in 0..<m {
            state.step(UInt64(positions[Int(word[j])]))
            best = min(best, state.distance)
        }
        return best <= bound ? best : nil
    }

    /// One column of the table as bit vectors: vertical +1/−1 steps (`up`, `down`), the
    /// diagonal zero steps of the last column (`zero`, for transpositions), and the bottom
    /// cell, the distance between the whole query and the word so far.
    private struct State {
        var up: UInt64 = ~0
        var down: UInt64 = 0
        var zero: UInt64 = 0
        var previousMatches: UInt64 = 0
        var distance: Int
        let last: UInt64

        init(count: Int) {
            distance = count
            last = 1 << UInt64(count - 1)
        }

        @inline(__always)
        mutating func step(_ matches: UInt64) {
            let transposed = ((~zero & matches) << 1) & previousMatches
            zero = (((matches & up) &+ up) ^ up) | matches | down | transposed
            var horizontalUp = down | ~(zero | up)
            var horizontalDown = zero & up
            if horizontalUp & last != 0 { distance += 1 }
            if horizontalDown & last != 0 { distance -= 1 }
            horizontalUp = (horizontalUp << 1) | 1
            horizontalDown <<= 1
            up = horizontalDown | ~(zero | horizontalUp)
            down = horizontalUp & zero
            previousMatches = matches
        }
    }
}
