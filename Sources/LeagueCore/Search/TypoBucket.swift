/// The vocabulary's words of one length, arranged for the typo scan (`NameIndex.candidates`).
///
/// A word within k edits of the query lacks at most k of the query's letters and adds at most
/// k of its own, so the numbers of distinct letters differ by k at most: the words are ordered
/// by that number, and a scan reads only the 2k + 1 groups around the query's. Each edit also
/// breaks at most three of the query's letter pairs (a transposition, "xaby" → "xbay", breaks
/// xa, ab and by), so a word missing more than 3k of the query's pairs (or the query missing
/// more than 3k of the word's) is passed over before the edit distance is computed.
/// Both are necessary conditions only, on 64-bit masks where letters or pairs may share a
/// bit: they pass every word the distance would accept.
struct TypoBucket: Sendable {
    /// Word ids, by number of distinct letter bits, then by id.
    let ids: [Int32]
    /// Each word's letter mask (`NameIndex.mask`), in `ids` order.
    let letters: [UInt64]
    /// Each word's letter-pair mask (`TypoBucket.pairMask`), in `ids` order.
    let pairs: [UInt64]
    /// `ids[groupStart[c]..<groupStart[c + 1]]` hold the words with c distinct letter bits.
    let groupStart: [Int32]

    /// - Parameter ids: words of one length, in id order.
    init(ids: [Int32], terms: [[UInt8]]) {
        let masks = ids.map { NameIndex.mask(terms[Int($0)]) }
        let order = ids.indices.sorted {
            (masks[$0].nonzeroBitCount, ids[$0]) < (masks[$1].nonzeroBitCount, ids[$1])
        }
        self.ids = order.map { ids[$0] }
        self.letters = order.map { masks[$0] }
        self.pairs = order.map { terms[Int(ids[$0])].withUnsafeBufferPointer(TypoBucket.pairMask) }
        var start = [Int32](repeating: 0, count: 66)
        for mask in masks { start[mask.nonzeroBitCount + 1] += 1 }
        for c in 1..<start.count { start[c] += start[c - 1] }
        self.groupStart = start
    }

    /// One bit per adjacent letter pair (hashed to 64 bits).
    static func pairMask(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var m: UInt64 = 0
        guard bytes.count > 1 else { return 0 }
        for i in 1..<bytes.count {
            let pair = UInt32(bytes[i - 1]) << 8 | UInt32(bytes[i])
            m |= 1 << UInt64((pair &* 2_654_435_761) >> 26)
        }
        return m
    }

    /// Calls `body` with the id of every word that may be within `k` edits of a query with
    /// letter mask `letters` and pair mask `pairs`, in `ids` order (not id order).
    @inline(__always)
    func forEachPossibleMatch(within k: Int, letters qm: UInt64, pairs qp: UInt64, _ body: (Int32) -> Void) {
        let c = qm.nonzeroBitCount
        let from = Int(groupStart[max(c - k, 0)])
        let to = Int(groupStart[min(c + k + 1, groupStart.count - 1)])
        guard from < to else { return }
        ids.withUnsafeBufferPointer { ids in
            letters.withUnsafeBufferPointer { letters in
                pairs.withUnsafeBufferPointer { pairs in
                    for i in from..<to
                    where NameIndex.mayBeWithin(k, qm, letters[i])
                        && !NameIndex.hasMoreThan(3 * k, bits: qp & ~pairs[i])
                        && !NameIndex.hasMoreThan(3 * k, bits: pairs[i] & ~qp)
                    {
                        body(ids[i])
                    }
                }
            }
        }
    }
}
