import Foundation
import Testing

@testable import LeagueCore

@Suite("Search normalisation and edit distance")
struct SearchNormalizationTests {
    @Test(arguments: [
        ("King's College Hospital", "kings college hospital"),
        ("Kings College Hospital", "kings college hospital"),
        ("KING\u{2019}S COLLEGE", "kings college"),
        ("Guy's & St. Thomas'", "guys and saint thomas"),
        ("Guys and Saint Thomas", "guys and saint thomas"),
        ("  Royal    Free\tHospitals ", "royal free hospital"),
        ("Ross-on-Wye", "ross on wye"),
        ("Hôpital Saint-Étienne", "hopital saint etienne"),
        ("North Staffs Combined", "north staffordshire combined"),
        ("Northgate Hospital, Gt Yarmouth", "northgate hospital great yarmouth"),
        ("Alder Hey Children's", "alder hey childrens"),
        ("RJ1", "rj1"),
    ])
    func normalises(_ input: String, _ expected: String) {
        #expect(SearchNormalizer.normalize(input) == expected)
    }

    @Test(arguments: [
        ("moorfields", "moorfields", 0),
        ("moorfeilds", "moorfields", 1),  // transposition counts once
        ("mancester", "manchester", 1),
        ("infirmery", "infirmary", 1),
        ("adenbrooks", "addenbrookes", 2),
        ("kitten", "sitting", 3),
        ("", "abc", 3),
    ])
    func editDistance(_ a: String, _ b: String, _ d: Int) {
        #expect(EditDistance.distance(a, b) == d)
        #expect(EditDistance.distance(b, a) == d)
    }

    @Test(arguments: [(3, 0), (4, 0), (5, 1), (8, 1), (9, 2), (14, 2)])
    func typoAllowanceScalesWithLength(_ length: Int, _ edits: Int) {
        #expect(EditDistance.allowedEdits(forLength: length) == edits)
    }

    @Test(arguments: [
        (
            "MRI", "Manchester Royal Infirmary. \"MRI\" is also the common abbreviation for magnetic resonance imaging",
            "Manchester Royal Infirmary"
        ),
        ("SLaM", "South London and Maudsley NHS FT.", "South London and Maudsley"),
        (
            "NNUH",
            "Used for both the trust and its main hospital, Norfolk and Norwich University Hospital (site RM102).",
            "Norfolk and Norwich University Hospital"
        ),
        ("ICHT", "Imperial College Healthcare NHS Trust.", "Imperial College Healthcare NHS Trust"),
        ("QMC", "Queen's Medical Centre, Nottingham; site code from the NHS website", "Queen's Medical Centre"),
    ])
    func acronymExpansion(_ alias: String, _ note: String, _ expected: String) {
        #expect(NameIndex.acronymExpansion(of: alias, in: note) == expected)
    }

    @Test func acronymWithoutExpansion() {
        #expect(NameIndex.acronymExpansion(of: "SECAmb", in: "South East Coast Ambulance Service NHS FT.") == nil)
        #expect(NameIndex.acronymExpansion(of: "LAS", in: "second source") == nil)
    }

    @Test func siteNamesLoseGluedTrustNames() {
        #expect(
            NameIndex.siteName("Brixham Hospital - Torbay and South Devon NHS Foundation Trust") == "Brixham Hospital")
        #expect(NameIndex.siteName("Nottingham University Hospitals NHS Trust - City Campus") == "City Campus")
        #expect(NameIndex.siteName("Westlands - Inpatient Unit") == "Westlands - Inpatient Unit")
    }
}

@Suite("Name search on the embedded dataset")
struct SearchBehaviourTests {
    func search(_ q: String, limit: Int = 10) throws -> SearchOutcome {
        try SearchFixture.get().1.search(q, limit: limit)
    }

    func top(_ q: String) throws -> SearchMatch {
        try #require(try search(q).matches.first, "no match for \(q)")
    }

    @Test(arguments: [
        ("the christie", "RBV", SearchMatchKind.exact, SearchField.trustName),
        ("Guys and St Thomas", "RJ1", .exact, .trustName),
        ("leeds general infirmary", "RR8", .exact, .siteName),
        ("royal free", "RAL", .exact, .siteName),
        ("addenbrookes", "RGT", .exact, .siteName),
        ("nwas", "RX7", .alias, .alias),
        ("rj1", "RJ1", .exact, .odsCode),
        ("RGT01", "RGT", .exact, .odsCode),
        ("adenbrooks", "RGT", .fuzzy, .siteName),
        ("mancester royal infirmery", "R0A", .fuzzy, .alias),
        ("addenb", "RGT", .prefix, .siteName),
        ("moorf", "RP6", .prefix, .trustName),
        ("north bristol", "RA7", .exact, .formerName),
    ])
    func bestMatch(_ q: String, _ code: String, _ kind: SearchMatchKind, _ field: SearchField) throws {
        let m = try top(q)
        #expect(m.odsCode == code)
        #expect(m.kind == kind)
        #expect(m.field == field)
        #expect(m.score > 0 && m.score <= 1)
    }

    @Test func matchSaysWhichHospitalAndWhichSource() throws {
        let site = try top("leeds general infirmary")
        #expect(site.siteCode == "RR801")
        #expect(site.matchedText == "Leeds General Infirmary")
        #expect(site.trustName == "Leeds Teaching Hospitals NHS Trust")
        let alias = try top("gosh")
        #expect(alias.odsCode == "RP4")
        #expect(alias.aliasSource?.contains("gosh.nhs.uk") == true)
        #expect(alias.siteCode == "RP401")
        #expect(try top("moorfields").aliasSource == nil)
    }

    @Test("typos are allowed by word length: none under 5 letters, 1 from 5, 2 from 9")
    func typoThresholds() throws {
        #expect(try search("leds").matches.allSatisfy { $0.odsCode != "RR8" })  // 4 letters: no typo allowed
        #expect(try top("bolten").odsCode == "RMC")  // 6 letters, 1 edit
        #expect(try search("barnzlee").matches.allSatisfy { $0.odsCode != "RFF" })  // 8 letters, 2 edits: too many
        #expect(try top("pinderfeilds").odsCode == "RXF")  // transposition
        #expect(try top("moorfeildz").odsCode == "RP6")  // 10 letters, 2 edits
    }

    @Test("prefixes match from 3 letters")
    func prefixes() throws {
        #expect(try top("addenbro").odsCode == "RGT")
        #expect(try top("whipps cr").odsCode == "R1H")
        #expect(try search("ad").matches.allSatisfy { $0.kind != .prefix })
    }

    @Test(arguments: [
        ("royal", 5, [String]()),
        ("university hospitals", 5, []),
        ("st marys", 5, ["R1F", "RP1", "RYJ"]),
        ("queen elizabeth hospital", 4, ["RJ2", "RR7", "RCX", "RRK"]),
        ("pennine acute", 2, ["R0A", "RM3"]),
    ])
    func ambiguousQueriesListSeveralCandidates(_ q: String, _ atLeast: Int, _ mustInclude: [String]) throws {
        let out = try search(q, limit: 10)
        #expect(out.matches.count >= atLeast)
        let codes = out.matches.map(\.odsCode)
        #expect(Set(codes).count == codes.count, "one result per trust")
        for c in mustInclude { #expect(codes.contains(c), "\(q) should list \(c), got \(codes)") }
        #expect(out.matches.map(\.score) == out.matches.map(\.score).sorted(by: >))
    }

    @Test(arguments: [
        ("royal", true), ("st marys", true), ("university hospitals", true), ("pennine acute", true),
        ("royal free", false), ("the christie", false), ("nwas", false), ("leeds general infirmary", false),
    ])
    func ambiguityFlag(_ q: String, _ ambiguous: Bool) throws {
        #expect(try search(q).isAmbiguous == ambiguous)
    }

    @Test func closedTrustsLeadToTheirSuccessorFirst() throws {
        #expect(try top("tavistock and portman").odsCode == "G6V2S")
        let codes = try search("north middlesex").matches.map(\.odsCode)
        #expect(codes.first == "RAL")
        #expect(!codes.contains("RAP"), "a closed trust is never an answer")
    }

    @Test("a closed trust is never an answer: its own name leads to today's trust(s)")
    func closedTrustsNeverAnswer() throws {
        let (dataset, _) = try SearchFixture.get()
        let closed = dataset.trusts.filter { $0.isOpen == false }
        #expect(closed.count > 50)
        for t in closed {
            let matches = try search(t.displayName).matches
            #expect(matches.allSatisfy { dataset.trustsByCode[$0.odsCode]?.isOpen != false }, "\(t.odsCode)")
            let today = dataset.currentTrusts(for: t.odsCode)
            if today != [t.odsCode], today.allSatisfy({ dataset.trustsByCode[$0]?.isOpen != false }) {
                #expect(matches.first.map { today.contains($0.odsCode) } == true, "\(t.displayName) -> \(today)")
            }
        }
    }

    @Test("an ambiguous alias (MRI) needs the query to be about it")
    func ambiguousAlias() throws {
        #expect(try top("MRI").odsCode == "R0A")
        #expect(try search("mri scan").matches.allSatisfy { $0.matchedText != "MRI" })
    }

    @Test func noMatchSuggestsDidYouMean() throws {
        let out = try search("frimmly parc")
        #expect(out.matches.isEmpty)
        #expect(out.didYouMean.first == "frimley park")
        #expect(out.didYouMean.contains { $0.hasPrefix("Frimley Park") })
        let nothing = try search("xyzzy")
        #expect(nothing.matches.isEmpty)
        #expect(nothing.normalizedQuery == "xyzzy")
    }

    @Test(
        "a postcode matches no name and gets no name suggestions", arguments: ["M13 9WL", "m139wl", "SW1A 1AA", "LS1"])
    func postcodeGetsNoSuggestions(query: String) throws {
        let out = try search(query)
        #expect(out.matches.isEmpty)
        #expect(out.didYouMean.isEmpty, "\(out.didYouMean)")
    }

    @Test(arguments: [
        ("", SearchError.emptyQuery),
        ("   \t\n", .emptyQuery),
        ("!!! ...", .noSearchableText),
        (String(repeating: "a", count: 201), .queryTooLong(length: 201, maximum: 200)),
    ])
    func invalidQueries(_ q: String, _ error: SearchError) throws {
        #expect(throws: error) { try search(q) }
        #expect(!error.description.isEmpty)
    }

    @Test func limits() throws {
        let index = try SearchFixture.get().1
        #expect(throws: SearchError.limitOutOfRange(limit: 51, maximum: 50)) { try index.search("royal", limit: 51) }
        #expect(throws: SearchError.limitOutOfRange(limit: -1, maximum: 50)) { try index.search("royal", limit: -1) }
        #expect(try index.search("hospital", limit: 0).matches.count == NameIndex.defaultLimit)
        #expect(try index.search("hospital", limit: 50).matches.count == 50)
        #expect(try index.search("royal", limit: 3).matches.count == 3)
        // exactly 200 characters is allowed, counted as characters, not bytes
        _ = try index.search(String(repeating: "royal ", count: 33) + "fr", limit: 1)
        _ = try index.search(String(repeating: "é", count: 200), limit: 1)
        #expect(throws: SearchError.queryTooLong(length: 201, maximum: 200)) {
            try index.search(String(repeating: "é", count: 201), limit: 1)
        }
    }

    @Test func concurrentSearchesAgree() async throws {
        let index = try SearchFixture.get().1
        let queries = ["royal free", "adenbrooks", "kings lynn hospital", "nwas", "st georges tooting"]
        let expected = try queries.map { try index.search($0, limit: 5) }
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    queries.enumerated().allSatisfy { i, q in (try? index.search(q, limit: 5)) == expected[i] }
                }
            }
            for await ok in group { #expect(ok) }
        }
    }
}
