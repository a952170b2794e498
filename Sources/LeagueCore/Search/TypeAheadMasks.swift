/// The letter masks (`NameIndex.mask`) of word beginnings, laid out for the "typos while typing"
/// scan: the last query word, n letters long and not itself a word, is compared with the first
/// n ± k letters of every longer word.
///
/// Why this layout: the scan visits every word longer than the query (8,000 of 10,000 for a
/// five-letter word), and a per-word table of prefix masks sends each visit to a different
/// place in ~0.8 MB. When the query comes after others, those reads miss the cache: the
/// heaviest evaluation queries ("guys and st tomas", "the christy") took 80–120 µs between
/// other queries against 30 µs repeated. Here, for each prefix length p, the masks of every
/// word's first p letters sit side by side in scan order, so the scan reads two arrays front to
/// back. The same number of masks as the per-word table: a word of length L appears in the
/// tables of p = 1 ... L + 1 only, the lengths at which the scan can ask for it.
struct TypeAheadMasks: Sendable {
    /// Word ids (code words aside) in scan order: by length, then by id, the order readings of
    /// equal quality keep. `words(ofLength:)` reads it by length for the other typo scans.
    let order: [Int32]
    /// Per length L, the position in `order` of the first word longer than or as long as L;
    /// `order.count` from the longest length + 1 on.
    private let lengthStart: [Int]
    /// Per prefix length p, where its masks begin in `masks`: the masks of the words from
    /// position `lengthStart[p - 1]` on, each covering the word's first min(L, p) letters.
    private let tableStart: [Int]
    private let masks: [UInt64]

    /// The tables of `byLength` (word ids per length, at least length 0's list) over the
    /// words' bytes `terms`.
    init(terms: [[UInt8]], byLength: [[Int32]]) {
        precondition(!byLength.isEmpty)
        let maxLength = byLength.count - 1
        var order: [Int32] = []
        var lengthStart = [Int](repeating: 0, count: maxLength + 2)
        for length in 0...maxLength {
            lengthStart[length] = order.count
            order.append(contentsOf: byLength[length])
        }
        lengthStart[maxLength + 1] = order.count
        // Table p holds the words of length p - 1 and more (`lengthStart[p - 1]` on).
        var tableStart = [Int](repeating: 0, count: maxLength + 2)
        var total = 0
        for p in 1...(maxLength + 1) {
            tableStart[p] = total
            total += order.count - lengthStart[p - 1]
        }
        var masks = [UInt64](repeating: 0, count: total)
        for (position, id) in order.enumerated() {
            let word = terms[Int(id)]
            var m: UInt64 = 0
            for p in 1...min(word.count + 1, maxLength + 1) {
                if p <= word.count { m |= 1 << UInt64(word[p - 1] & 63) }
                masks[tableStart[p] + position - lengthStart[p - 1]] = m
            }
        }
        self.order = order
        self.lengthStart = lengthStart
        self.tableStart = tableStart
        self.masks = masks
    }

    /// The longest word's length.
    var maxLength: Int { lengthStart.count - 2 }

    /// The word ids of one length (0...`maxLength`), ascending.
    func words(ofLength length: Int) -> ArraySlice<Int32> { order[lengthStart[length]..<lengthStart[length + 1]] }

    /// Calls `body` with each word longer than `n` letters, in scan order, whose first n + k
    /// letters lack at most k of the query's letters (`queryMask`) and whose first n − k letters
    /// (at least one) hold at most k letters the query lacks: each such letter costs an edit.
    func forEachPossible(
        length n: Int, edits k: Int, queryMask qm: UInt64, _ body: (Int32) -> Void
    ) {
        precondition(n >= 1 && (1...2).contains(k))
        guard n < maxLength else { return }  // no word is longer
        let first = lengthStart[n + 1]
        // n + k ≤ maxLength + 1: every table the scan reads exists
        let widePrefix = n + k, narrowPrefix = max(n - k, 1)
        // Position j of the scan is entry j − lengthStart[p − 1] of table p (first ≥ both).
        let wideBase = tableStart[widePrefix] - lengthStart[widePrefix - 1]
        let narrowBase = tableStart[narrowPrefix] - lengthStart[narrowPrefix - 1]
        masks.withUnsafeBufferPointer { m in
            order.withUnsafeBufferPointer { ids in
                for j in first..<ids.count {
                    let wide = m[wideBase + j], narrow = m[narrowBase + j]
                    if NameIndex.hasMoreThan(k, bits: qm & ~wide) || NameIndex.hasMoreThan(k, bits: narrow & ~qm) {
                        continue
                    }
                    body(ids[j])
                }
            }
        }
    }
}
