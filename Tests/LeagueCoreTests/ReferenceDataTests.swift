import Foundation
import Testing

@testable import LeagueCore

@Suite struct ReferenceDataTests {
    @Test(arguments: [
        (
            "2025/26",
            ["access", "effectiveness_experience", "patient_safety", "people_workforce", "finance_productivity"]
        ),
        (
            "2026/27",
            [
                "access", "patient_safety", "finance_productivity_innovation", "people", "experience_of_care",
                "effectiveness_population_health",
            ]
        ),
    ])
    func domainSets(set: String, keys: [String]) throws {
        let d = try Embedded.dataset()
        #expect(d.domainDefinitions(domainSet: set).map(\.key) == keys)
    }

    @Test(arguments: [
        (Quarter.q1_2526, "2025-04-01", "2025-06-30", "April to June 2025", "2025/26"),
        (.q4_2526, "2026-01-01", "2026-03-31", "January to March 2026", "2025/26"),
        (.q1_2627, "2026-04-01", "2026-06-30", "April to June 2026", "2026/27"),
    ])
    func quarterInfo(q: Quarter, start: String, end: String, text: String, set: String) throws {
        let info = try #require(try Embedded.dataset().quarterInfo(q))
        #expect(info.periodStart.iso == start)
        #expect(info.periodEnd.iso == end)
        #expect(info.periodText == text)
        #expect(info.domainSet == set)
    }

    @Test(arguments: [("RQ8", ["RAJ"]), ("RDD", ["RAJ"]), ("RW6", ["R0A", "RM3"]), ("RVJ", ["RA7"]), ("RP6", ["RP6"])])
    func successorChains(code: String, current: [String]) throws {
        #expect(try Embedded.dataset().currentSuccessors(of: code) == current)
    }

    @Test func inferredBristolSuccessionHasNoDate() throws {
        let d = try Embedded.dataset()
        let s = try #require(d.successorsByOldCode["RVJ"]?.first)
        #expect(s.successorCode == "RA7")
        #expect(s.effectiveDate == nil)
        #expect(s.evidence == "inferred_not_in_ods_succ")
        // North Bristol closed 2026-06-30, after Q1 2026/27 began: its Q1 2026/27 ranking is valid and current.
        #expect(d.latestRanking(for: "RVJ")?.isCurrent == true)
    }

    @Test(arguments: [
        ("RYX", "Central London Community Healthcare NHS Trust", "nhs_spelling_from_league_row"),
        ("RJ1", "Guy's and St Thomas' NHS Foundation Trust", "title_cased_from_ods_name"),
        ("RY3", "East of England Community Health and Care NHS Trust", "title_cased_from_ods_name"),
    ])
    func displayNames(code: String, name: String, method: String) throws {
        let t = try #require(try Embedded.dataset().trust(code))
        #expect(t.displayName == name)
        #expect(t.displayNameMethod == method)
        #expect(t.name == t.name.uppercased())  // the ODS name is kept as published
    }
}
