import Testing

@testable import LeagueCore

/// A word's postings list its name holdings first (`NameIndex.namePostingCount`), so a query
/// visits context holdings only for the entries some query word may name (`markNameHolders`).
@Suite("Name postings first")
struct NamePostingsTests {
    @Test("every list is its name holdings, then its context ones, each in entry order")
    func namesComeFirst() throws {
        let index = NameIndex.build(from: try Embedded.dataset())
        var withContext = 0
        for (term, list) in index.postings.enumerated() {
            let names = Int(index.namePostingCount[term])
            #expect(list[..<names].allSatisfy { $0 & 3 == NameIndex.Posting.name }, "\(index.termStrings[term])")
            #expect(list[names...].allSatisfy { $0 & 3 != NameIndex.Posting.name }, "\(index.termStrings[term])")
            for part in [list[..<names], list[names...]] {
                #expect(zip(part, part.dropFirst()).allSatisfy { $0 >> 2 < $1 >> 2 }, "\(index.termStrings[term])")
            }
            if names < list.count { withContext += 1 }
        }
        #expect(withContext > 100)
    }

    /// "paddington" is only a place word of St Mary's Hospital: its entry is reached through
    /// context, and named by "hospital", a generic word that only refines entries already
    /// reached. The place word's context postings must be visited for the entries a generic
    /// word names, too.
    @Test("a place word counts for an entry a generic word names")
    func placeWordWithGenericName() throws {
        let index = NameIndex.build(from: try Embedded.dataset())
        let first = try #require(try index.search("paddington hospital").matches.first)
        #expect(first.odsCode == "RYJ")
        #expect(first.matchedText == "St Mary's Hospital")
    }
}
