/// Where a vocabulary word within k typos of a query word must agree with it, as an index, so
/// the typo scan reads tens of words instead of every word of the lengths within k.
///
/// The rule (optimal string alignment, k = 1 for 5–8 letters and 2 from 9,
/// `EditDistance.allowedEdits`): an edit changes at most two adjacent letters, or inserts one.
/// - k = 1: the edit leaves either the first two letters or the last two as they were (the
///   query has 5 letters at least, so one edit cannot reach both ends). From 7 letters, the
///   first three or the last three: an edit that changes the first three touches letters 0–3
///   at most, and the last three start at letter 4.
/// - k = 2: if both ends are changed, one edit is at each end: the front one touches letters
///   0–2 at most, the back one the last three, so letters 3 ..< n − 3 of the query (3 at least)
///   are untouched, shifted by the front edit's −1, 0 or +1. In particular the query's letters
///   3 and 4 stand at positions 2, 3 or 4 of the word.
///
/// So a word within k edits shares the query's first two (three) letters, or its last two
/// (three), or (k = 2) the pair at 3–4 at position 2, 3 or 4. Those are the keys, per word
/// length; every word found still has its distance computed. `TypoScanTests` checks that nothing within k is missed.
struct TypoNeighbourIndex: Sendable {
    /// Sorted: key kind << 56 | the two or three letters << 32 | word length << 24 | word id.
    /// One integer per key and word, so the build sorts plain integers (it runs at every load,
    /// and in every test that loads the dataset, unoptimised). The length comes after the
    /// letters, so one key's words of every length a query allows lie together: a lookup
    /// searches once per key, not once per key and length.
    private let entries: [UInt64]
    /// Where each (key kind, first letter) block starts in `entries`, by `key >> 48`, with one
    /// more slot for the end: a lookup binary-searches one block, not all 70,000 keys.
    private let blockStart: [Int32]
    /// The word id's bits: 24 (16.7 M words; the vocabulary has about 10,000).
    private static let idBits: UInt64 = 24
    private static let idMask: UInt64 = 1 << idBits - 1

    private enum Kind: UInt64 {
        case firstTwo = 0, lastTwo = 1, pairAt2 = 2, pairAt3 = 3, pairAt4 = 4, firstThree = 5, lastThree = 6
    }

    private static func key(_ kind: Kind, _ a: UInt8, _ b: UInt8, _ c: UInt8 = 0, length: Int = 0) -> UInt64 {
        kind.rawValue << 56 | UInt64(a) << 48 | UInt64(b) << 40 | UInt64(c) << 32 | UInt64(length) << 24
    }

    /// - Parameter included: the word ids to index (the typo scan skips ODS codes).
    init(terms: [[UInt8]], included: (Int) -> Bool) {
        precondition(terms.count < 1 << Self.idBits, "more words than the index's id bits hold")
        var entries: [UInt64] = []
        entries.reserveCapacity(terms.count * 7)
        // A word over 255 letters could only be within two typos of a query of 253 letters or
        // more, past the 200 a query may have: it is left out.
        for (id, t) in terms.enumerated() where included(id) && (2...255).contains(t.count) {
            let n = t.count, id = UInt64(id)
            entries.append(Self.key(.firstTwo, t[0], t[1], length: n) | id)
            entries.append(Self.key(.lastTwo, t[n - 2], t[n - 1], length: n) | id)
            if n >= 3 {
                entries.append(Self.key(.firstThree, t[0], t[1], t[2], length: n) | id)
                entries.append(Self.key(.lastThree, t[n - 3], t[n - 2], t[n - 1], length: n) | id)
            }
            for (p, kind) in [(2, Kind.pairAt2), (3, .pairAt3), (4, .pairAt4)] where p + 1 < n {
                entries.append(Self.key(kind, t[p], t[p + 1], length: n) | id)
            }
        }
        entries.sort()
        var blockStart = [Int32](repeating: 0, count: 7 << 8 + 1)
        for key in entries { blockStart[Int(key >> 48) + 1] += 1 }
        for i in 1..<blockStart.count { blockStart[i] += blockStart[i - 1] }
        self.blockStart = blockStart
        self.entries = entries
    }

    /// The ids of the words of `lengths` letters that may be within `edits` (1 or 2) of `query`
    /// (5 letters or more) and pass `keep`, each once, in `out` (replacing its contents): by
    /// length, shortest first, and by id within a length, as a scan of the lengths one by one
    /// would list them.
    ///
    /// `keep` is asked of every id a key holds, before any sorting: a cheap filter there (the
    /// letter masks, `NameIndex.mayBeWithin`) leaves a handful of ids to sort out of hundreds.
    func candidates(
        of query: UnsafeBufferPointer<UInt8>, lengths: ClosedRange<Int>, edits: Int, into out: inout [Int32],
        where keep: (Int32) -> Bool
    ) {
        out.removeAll(keepingCapacity: true)
        let n = query.count
        precondition(n >= 5 && (1...2).contains(edits), "the typo rule needs 5 letters and 1 or 2 edits")
        let lengths = lengths.clamped(to: 0...255)  // the lengths indexed
        if edits == 1 && n >= 7 {
            append(Self.key(.firstThree, query[0], query[1], query[2]), lengths, into: &out, where: keep)
            append(Self.key(.lastThree, query[n - 3], query[n - 2], query[n - 1]), lengths, into: &out, where: keep)
        } else {
            append(Self.key(.firstTwo, query[0], query[1]), lengths, into: &out, where: keep)
            append(Self.key(.lastTwo, query[n - 2], query[n - 1]), lengths, into: &out, where: keep)
        }
        if edits == 2 {
            // three calls, not a loop over an array literal: that array is allocated per call
            append(Self.key(.pairAt2, query[3], query[4]), lengths, into: &out, where: keep)
            append(Self.key(.pairAt3, query[3], query[4]), lengths, into: &out, where: keep)
            append(Self.key(.pairAt4, query[3], query[4]), lengths, into: &out, where: keep)
        }
        // `out` holds length << 24 | id (`append`): sorted as unsigned, that is by length, then id
        if out.count > 1 {
            out.sort { UInt32(bitPattern: $0) < UInt32(bitPattern: $1) }
            var unique = 1
            for i in 1..<out.count where out[i] != out[unique - 1] {
                out[unique] = out[i]
                unique += 1
            }
            out.removeLast(out.count - unique)
        }
        for i in out.indices { out[i] &= Int32(Self.idMask) }
    }

    /// Appends, as length << 24 | id, the ids stored under `key` (without its length) with a
    /// length in `lengths` that pass `keep`.
    private func append(
        _ key: UInt64, _ lengths: ClosedRange<Int>, into out: inout [Int32], where keep: (Int32) -> Bool
    ) {
        let block = Int(key >> 48)
        guard block + 1 < blockStart.count else { return }
        let first = key | UInt64(lengths.lowerBound) << 24
        let last = key | UInt64(lengths.upperBound) << 24 | Self.idMask
        entries.withUnsafeBufferPointer { entries in
            let end = Int(blockStart[block + 1])
            var i = entries[Int(blockStart[block])..<end].partitioningIndex { $0 >= first }
            while i < end && entries[i] <= last {
                let id = Int32(truncatingIfNeeded: entries[i] & Self.idMask)
                if keep(id) { out.append(Int32(truncatingIfNeeded: entries[i] & 0xFFFF_FFFF)) }
                i += 1
            }
        }
    }
}
