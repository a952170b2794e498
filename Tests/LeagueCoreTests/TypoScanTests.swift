import Testing

@testable import LeagueCore

/// The typo scan's fast parts against the table-filling distance they stand in for: the
/// bit-parallel `OSAPattern` must give exactly its answers, and `TypoBucket`'s filters must
/// pass every word it accepts.
@Suite("Typo scan")
struct TypoScanTests {
    /// SplitMix64: the same pairs on every run.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        /// A word over the first `letters` letters: a small alphabet makes near misses,
        /// repeated letters and transpositions common.
        mutating func word(length: Int, letters: Int) -> [UInt8] {
            (0..<length).map { _ in UInt8(ascii: "a") + UInt8(next(letters)) }
        }
        /// `word` with up to `edits` random edits (substitution, deletion, insertion, swap).
        mutating func mistyped(_ word: [UInt8], edits: Int, letters: Int) -> [UInt8] {
            var w = word
            for _ in 0..<edits {
                let i = next(w.count + 1)
                let letter = UInt8(ascii: "a") + UInt8(next(letters))
                switch next(4) {
                case 0 where i < w.count: w[i] = letter
                case 1 where i < w.count: w.remove(at: i)
                case 3 where i + 1 < w.count: w.swapAt(i, i + 1)
                default: w.insert(letter, at: i)
                }
            }
            return w
        }
    }

    static func pairs(seed: UInt64, count: Int, maxLength: Int) -> [([UInt8], [UInt8])] {
        var random = Random(state: seed)
        return (0..<count).map { _ in
            let letters = 2 + random.next(6)
            let a = random.word(length: random.next(maxLength + 1), letters: letters)
            let b =
                random.next(2) == 0
                ? random.mistyped(a, edits: random.next(4), letters: letters)
                : random.word(length: random.next(maxLength + 1), letters: letters)
            return (a, b)
        }
    }

    @Test(
        "the bit-parallel distance equals the table's, whole words and beginnings, every bound",
        arguments: [(UInt64(1), 14), (2, 30), (3, 70)])
    func bitParallelMatchesTable(seed: UInt64, maxLength: Int) {
        var checked = 0, within = 0
        for (a, b) in Self.pairs(seed: seed, count: 4000, maxLength: maxLength) {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    let pattern = OSAPattern(a)
                    for bound in 0...4 {
                        let table = EditDistance.bounded(a, b, bound: bound)
                        #expect(pattern.distance(to: b, bound: bound) == table, "\(Array(a)) \(Array(b)) \(bound)")
                        #expect(
                            pattern.prefixDistance(to: b, bound: bound)
                                == EditDistance.boundedPrefix(a, b, bound: bound),
                            "prefix \(Array(a)) \(Array(b)) \(bound)")
                        checked += 1
                        if table != nil { within += 1 }
                    }
                }
            }
        }
        // The pairs must exercise both answers, not only "too far".
        #expect(within > checked / 5)
    }

    @Test("a bucket's filters pass every word of its length within k edits", arguments: [UInt64(4), 5, 6])
    func bucketPassesEveryMatch(seed: UInt64) {
        var random = Random(state: seed)
        let length = 5 + random.next(6)
        var words: [[UInt8]] = []
        for _ in 0..<400 {
            words.append(random.word(length: length, letters: 3 + random.next(20)))
        }
        let bucket = TypoBucket(ids: words.indices.map(Int32.init), terms: words)
        var found = 0
        for _ in 0..<200 {
            let source = words[random.next(words.count)]
            let query = random.mistyped(source, edits: random.next(3), letters: 26)
            query.withUnsafeBufferPointer { q in
                for k in 1...2 {
                    var passed = Set<Int32>()
                    bucket.forEachPossibleMatch(
                        within: k, letters: NameIndex.mask(query), pairs: TypoBucket.pairMask(q)
                    ) { passed.insert($0) }
                    for (id, word) in words.enumerated() {
                        guard word.withUnsafeBufferPointer({ EditDistance.bounded(q, $0, bound: k) }) != nil else {
                            continue
                        }
                        found += 1
                        #expect(passed.contains(Int32(id)), "\(query) missed \(word) at \(k)")
                    }
                }
            }
        }
        #expect(found > 100)
    }

    @Test("hasMoreThan(k, bits:) is nonzeroBitCount > k", arguments: [UInt64(0), 1, 0b1011, .max, 1 << 63, 0xF0F0])
    func hasMoreThan(bits: UInt64) {
        for k in 0...65 {
            #expect(NameIndex.hasMoreThan(k, bits: bits) == (bits.nonzeroBitCount > k))
        }
    }
}
