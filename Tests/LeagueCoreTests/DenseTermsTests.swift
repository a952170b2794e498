import Testing

@testable import LeagueCore

/// `NameIndex.DenseTerms` stands in for the postings lists of the commonest words when they
/// refine a query's entries: its bits must be exactly those lists' entries.
@Suite("Dense terms")
struct DenseTermsTests {
    @Test("a word has a bitmap exactly when its list is long and all names, and the bitmap is its entries")
    func bitmapsAreThePostings() throws {
        let index = NameIndex.build(from: try Embedded.dataset())
        var withBitmap: [String] = []
        for term in index.postings.indices {
            let list = index.postings[term]
            var entries: Set<Int> = []
            let has = index.denseTerms.withBits(of: Int32(term)) { bits in
                #expect(bits.count == (index.entryCount + 63) / 64)
                for (w, word) in bits.enumerated() {
                    for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { entries.insert(w * 64 + bit) }
                }
            }
            let qualifies =
                list.count >= max(NameIndex.DenseTerms.minimumPostings, (index.entryCount + 63) / 64 * 4)
                && list.allSatisfy { $0 & 3 == NameIndex.Posting.name }
            #expect(has == qualifies, "\(index.termStrings[term])")
            if has {
                withBitmap.append(index.termStrings[term])
                #expect(entries == Set(list.map { Int($0 >> 2) }), "\(index.termStrings[term])")
            }
        }
        // "hospital", in about a third of the entries, is the word the bitmaps are for.
        #expect(withBitmap.contains("hospital"))
    }

    @Test(
        "a generic last word refines the distinctive ones' answers, through the bitmap",
        arguments: [
            ("royal london hospital", "R1H"), ("wythenshawe hospital", "R0A"), ("st georges hospital london", "RJ7"),
        ])
    func refinesThroughTheBitmap(query: String, trust: String) throws {
        let index = NameIndex.build(from: try Embedded.dataset())
        #expect(try index.search(query).matches.first?.odsCode == trust)
    }
}
