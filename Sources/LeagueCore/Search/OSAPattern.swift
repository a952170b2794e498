/// One query word prepared for many `EditDistance` comparisons: Hyyrö's bit-parallel optimal
/// string alignment distance ("A bit-vector algorithm for computing Levenshtein and Damerau
/// edit distances", 2003), one machine word holding a whole column of the table.
///
/// The typo scans compare each query word with up to a few hundred vocabulary words that pass
/// the letter filters; the table-filling `EditDistance.bounded` costs a multiply-add per cell
/// (n × m), this costs about twenty instructions per letter of the vocabulary word. It gives
/// exactly `EditDistance.bounded` and `EditDistance.boundedPrefix`'s answers (tested against
/// them), for query words of 1...64 bytes; longer (and empty) ones use the table.
struct OSAPattern {
    /// Bit i of `positions[b]` is set when byte i of the query is b.
    private let positions: [UInt64]
    /// The query's length in bytes.
    let count: Int
    /// The query itself when it does not fit a machine word (empty, or over 64 bytes).
    private let unfitting: [UInt8]?

    init(_ query: UnsafeBufferPointer<UInt8>) {
        count = query.count
        guard (1...64).contains(query.count) else {
            positions = []
            unfitting = Array(query)
            return
        }
        unfitting = nil
        var positions = [UInt64](repeating: 0, count: 256)
        for (i, b) in query.enumerated() { positions[Int(b)] |= 1 << UInt64(i) }
        self.positions = positions
    }

    /// The distance between the query and `word` if it is at most `bound`, else nil
    /// (`EditDistance.bounded`).
    func distance(to word: UnsafeBufferPointer<UInt8>, bound: Int) -> Int? {
        if let unfitting {
            return unfitting.withUnsafeBufferPointer { EditDistance.bounded($0, word, bound: bound) }
        }
        if abs(count - word.count) > bound { return nil }
        var state = State(count: count)
        positions.withUnsafeBufferPointer { positions in
            for b in word { state.step(positions[Int(b)]) }
        }
        return state.distance <= bound ? state.distance : nil
    }

    /// The smallest distance between the query and a beginning of `word` (up to `count` +
    /// `bound` letters of it) if it is at most `bound`, else nil (`EditDistance.boundedPrefix`).
    func prefixDistance(to word: UnsafeBufferPointer<UInt8>, bound: Int) -> Int? {
        if let unfitting {
            return unfitting.withUnsafeBufferPointer { EditDistance.boundedPrefix($0, word, bound: bound) }
        }
        let m = min(word.count, count + bound)
        if m + bound < count { return nil }
        var state = State(count: count)
        var best = state.distance
        positions.withUnsafeBufferPointer { positions in
            for j in 0..<m {
                state.step(positions[Int(word[j])])
                best = min(best, state.distance)
            }
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
