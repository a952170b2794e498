extension NameIndex {
    /// The entries holding each of the commonest words, as one bit per entry.
    ///
    /// A generic word after a distinctive one ("royal london *hospital*") only refines the
    /// entries already found (`NameIndex.accumulate`), yet its postings list is most of the
    /// index: "hospital" alone is in about 3,200 of 10,500 entries. Reading that list a posting
    /// at a time to skip the untouched entries was a tenth of a search's instructions; ANDing
    /// the word's bitmap with the touched entries' (`Accumulator.touchedBits`) reads 64 entries
    /// per instruction and visits only the entries in both.
    ///
    /// Only words held by names alone (every posting `Posting.name`) qualify: the bitmap keeps
    /// no holding. Generic words are never context words, so every generic word qualifies.
    struct DenseTerms: Sendable {
        /// A postings list at least this long gets a bitmap: the bitmap (entries / 64 words)
        /// is then read in at most a quarter of the time the list would be.
        static let minimumPostings = 256
        /// Per term: the first word of its bitmap in `bitmaps`, or -1.
        private let start: [Int32]
        private let bitmaps: [UInt64]
        private let wordsPerBitmap: Int

        init(postings: [[UInt32]], entryCount: Int) {
            wordsPerBitmap = (entryCount + 63) / 64
            var start = [Int32](repeating: -1, count: postings.count)
            var bitmaps: [UInt64] = []
            for (term, list) in postings.enumerated()
            where list.count >= max(Self.minimumPostings, wordsPerBitmap * 4)
                && list.allSatisfy({ $0 & 3 == Posting.name })
            {
                start[term] = Int32(bitmaps.count)
                var bitmap = [UInt64](repeating: 0, count: wordsPerBitmap)
                for p in list {
                    let e = Int(p >> 2)
                    bitmap[e >> 6] |= 1 << UInt64(e & 63)
                }
                bitmaps.append(contentsOf: bitmap)
            }
            self.start = start
            self.bitmaps = bitmaps
        }

        /// Runs `body` with the entries holding `term` as bits (entry e is bit e % 64 of word
        /// e / 64) and returns true, or returns false when the term has no bitmap.
        @inline(__always)
        func withBits(of term: Int32, _ body: (UnsafeBufferPointer<UInt64>) -> Void) -> Bool {
            let first = Int(start[Int(term)])
            guard first >= 0 else { return false }
            bitmaps.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[first..<first + wordsPerBitmap])) }
            return true
        }
    }
}
