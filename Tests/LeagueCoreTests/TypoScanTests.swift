import Testing

@testable import LeagueCore

/// The typo scan's fast parts against the table-filling distance they stand in for: the
/// bit-parallel `OSAPattern` must give exactly its answers, and `TypoNeighbourIndex` must find
/// every word it accepts.
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
                    OSAPattern.with(a) { pattern in
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
        }
        // The pairs must exercise both answers, not only "too far".
        #expect(within > checked / 5)
    }

    @Test(
        "the neighbour index finds every word within k edits, and each once, in id order",
        arguments: [UInt64(4), 5, 6, 7])
    func neighbourIndexFindsEveryMatch(seed: UInt64) {
        var random = Random(state: seed)
        let letters = 3 + random.next(10)
        // Words of 3...14 letters, many of them near one another: mistyped copies of a few.
        var words: [[UInt8]] = []
        for _ in 0..<60 { words.append(random.word(length: 3 + random.next(12), letters: letters)) }
        for _ in 0..<900 {
            let source = words[random.next(words.count)]
            let word = random.mistyped(source, edits: 1 + random.next(3), letters: letters)
            if word.count >= 1 { words.append(word) }
        }
        let index = TypoNeighbourIndex(terms: words, included: { _ in true })
        var found = 0
        var candidates: [Int32] = []
        for _ in 0..<300 {
            let query = random.mistyped(words[random.next(words.count)], edits: random.next(3), letters: letters)
            guard query.count >= 5 else { continue }
            let k = EditDistance.allowedEdits(forLength: query.count)
            let lengths = (query.count - k)...(query.count + k)
            query.withUnsafeBufferPointer { q in
                index.candidates(of: q, lengths: lengths, edits: k, into: &candidates) { _ in true }
                // by length, then by id, each once
                let order = candidates.map { (words[Int($0)].count, $0) }
                #expect(zip(order, order.dropFirst()).allSatisfy { $0 < $1 })
                #expect(candidates.allSatisfy { lengths.contains(words[Int($0)].count) })
                for (id, word) in words.enumerated() where lengths.contains(word.count) {
                    guard word.withUnsafeBufferPointer({ EditDistance.bounded(q, $0, bound: k) }) != nil else {
                        continue
                    }
                    found += 1
                    #expect(candidates.contains(Int32(id)), "\(query) missed \(word) at \(k)")
                }
            }
        }
        // Matches at both allowances, not only the easy ones.
        #expect(found > 300)
    }

    @Test("the prefix search's byte comparisons are lexicographicallyPrecedes and starts(with:)")
    func byteComparisons() {
        var pairs = Self.pairs(seed: 8, count: 4000, maxLength: 6)
        pairs += [([], []), ([1], []), ([], [1]), ([1, 2], [1, 2]), ([1, 2], [1, 2, 3]), ([200], [3])]
        for (a, b) in pairs {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    #expect(NameIndex.bytesPrecede(a, b) == a.lexicographicallyPrecedes(b), "\(Array(a)) \(Array(b))")
                    #expect(NameIndex.bytes(a, startWith: b) == a.starts(with: b), "\(Array(a)) \(Array(b))")
                }
            }
        }
    }

    @Test("hasMoreThan(k, bits:) is nonzeroBitCount > k", arguments: [UInt64(0), 1, 0b1011, .max, 1 << 63, 0xF0F0])
    func hasMoreThan(bits: UInt64) {
        for k in 0...65 {
            #expect(NameIndex.hasMoreThan(k, bits: bits) == (bits.nonzeroBitCount > k))
        }
    }
}
