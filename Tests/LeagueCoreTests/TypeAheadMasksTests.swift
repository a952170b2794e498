import Testing

@testable import LeagueCore

/// The "typos while typing" filter reads masks laid out by prefix length (`TypeAheadMasks`):
/// it must pass exactly the words, in exactly the order, that the plain rule passes, computed
/// here from each word's own bytes.
@Suite("Type-ahead masks")
struct TypeAheadMasksTests {
    /// The rule, word by word: every word longer than n letters, by length then id, whose first
    /// n + k letters lack at most k of the query's letters and whose first max(n − k, 1) letters
    /// hold at most k letters the query lacks.
    static func expected(index: NameIndex, byLength: [[Int32]], n: Int, k: Int, queryMask qm: UInt64) -> [Int32] {
        var out: [Int32] = []
        for length in byLength.indices where length > n {
            for id in byLength[length] {
                let word = index.terms[Int(id)]
                let wide = NameIndex.mask(word.prefix(n + k)), narrow = NameIndex.mask(word.prefix(max(n - k, 1)))
                if (qm & ~wide).nonzeroBitCount > k || (narrow & ~qm).nonzeroBitCount > k { continue }
                out.append(id)
            }
        }
        return out
    }

    /// The words by length, then id, code words aside: from the words themselves, not from
    /// the index's tables.
    static func wordsByLength(_ index: NameIndex) -> [[Int32]] {
        var byLength: [[Int32]] = []
        for (i, word) in index.terms.enumerated() where !index.termIsCode[i] {
            while byLength.count <= word.count { byLength.append([]) }
            byLength[word.count].append(Int32(i))
        }
        return byLength
    }

    @Test("the embedded vocabulary: the same words as the rule, in its order, for every query length and bound")
    func embeddedVocabularyMatchesRule() throws {
        let index = NameIndex.build(from: try Embedded.dataset())
        let byLength = Self.wordsByLength(index)
        let maxLength = index.typeAheadMasks.maxLength
        #expect(maxLength == index.terms.map(\.count).max())
        // Queries: beginnings of real words (type-ahead), the same with a letter dropped or
        // changed (typos while typing), and words longer than any in the vocabulary.
        var queries: [[UInt8]] = []
        for id in stride(from: 0, to: index.terms.count, by: 89) {
            let word = index.terms[Int(id)]
            for n in stride(from: 3, through: word.count, by: 2) {
                let start = Array(word.prefix(n))
                queries.append(start)
                queries.append(Array(start.dropFirst()))
                queries.append(start.dropLast() + [UInt8(ascii: "z")])
            }
        }
        queries.append([UInt8](repeating: UInt8(ascii: "a"), count: maxLength + 3))
        var compared = 0, passed = 0
        for q in queries where q.count >= 1 {
            let qm = NameIndex.mask(q)
            for k in 1...2 {
                var got: [Int32] = []
                index.typeAheadMasks.forEachPossible(length: q.count, edits: k, queryMask: qm) { got.append($0) }
                let want = Self.expected(index: index, byLength: byLength, n: q.count, k: k, queryMask: qm)
                #expect(got == want, "query \(String(decoding: q, as: UTF8.self)) k \(k)")
                compared += 1
                passed += got.count
            }
        }
        #expect(compared > 1_000)
        #expect(passed > 5_000)  // the filter lets real candidates through, not nothing
    }

    @Test("a tiny vocabulary: every word length, including the longest and none longer")
    func tinyVocabulary() {
        let words: [[UInt8]] = ["ab", "abcde", "abcdf", "xbcdef", "abcdefgh", "q"].map { Array($0.utf8) }
        var byLength = [[Int32]](repeating: [], count: 9)
        for (i, w) in words.enumerated() { byLength[w.count].append(Int32(i)) }
        let masks = TypeAheadMasks(terms: words, byLength: byLength)
        #expect(masks.order == [5, 0, 1, 2, 3, 4])
        #expect(masks.maxLength == 8 && masks.words(ofLength: 5) == [1, 2] && masks.words(ofLength: 7).isEmpty)
        func passing(_ q: String, _ k: Int) -> [Int32] {
            var got: [Int32] = []
            masks.forEachPossible(length: q.utf8.count, edits: k, queryMask: NameIndex.mask(q.utf8)) { got.append($0) }
            return got
        }
        // "abcd": longer words whose first 5 letters lack at most one of a, b, c, d and whose
        // first 3 hold at most one other letter.
        #expect(passing("abcd", 1) == [1, 2, 3, 4])
        // "xbcq": only "xbcdef" begins without two of its letters (q alone is missing)
        #expect(passing("xbcq", 1) == [3])
        #expect(passing("xyzd", 1).isEmpty)
        #expect(passing("abcdefgh", 2).isEmpty)  // nothing is longer
        #expect(passing("abcdefghij", 1).isEmpty)
    }
}
