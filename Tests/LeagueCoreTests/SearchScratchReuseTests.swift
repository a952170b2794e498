import Testing

@testable import LeagueCore

/// A search reuses a pooled accumulator (`SearchScratchPool`): its entry slots are reset, and the
/// per-trust slots of `bestEntryPerTrust` restored, after every query. An answer must not depend
/// on the queries before it.
@Suite("Search scratch reuse")
struct SearchScratchReuseTests {
    static let queries = [
        "royal london hospital", "st georges hospital london", "london north west university healthcare",
        "paddington hospital", "manchester", "birmingham hospital", "kings college", "guys and st thomas",
        "wythenshawe", "moorfeilds", "addenbrookes", "royal free", "leeds general infirmary", "hospital",
        "north", "st marys paddington", "queen elizabeth hospital", "mancester royal infirmery",
    ]

    @Test("the same answers whatever query came before")
    func answersDoNotDependOnTheQueryBefore() throws {
        let dataset = try Embedded.dataset()
        let forward = NameIndex.build(from: dataset)
        let backward = NameIndex.build(from: dataset)
        var answers: [String: [SearchMatch]] = [:]
        for q in Self.queries { answers[q] = try forward.search(q).matches }
        for q in Self.queries.reversed() {
            let matches = try backward.search(q).matches
            #expect(matches == answers[q], "\(q)")
            // and again right after itself
            #expect(try backward.search(q).matches == matches, "\(q) twice")
        }
        #expect(answers.values.allSatisfy { !$0.isEmpty })
    }
}
