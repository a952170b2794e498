import Foundation
import LeagueData
import Testing

@testable import LeagueCore

/// The embedded dataset and its name index, built once for all search tests.
enum SearchFixture {
    static let dataset: Result<Dataset, any Error> = Result { try DatasetLoader.load(from: EmbeddedDataset.directory) }
    static let index: Result<NameIndex, any Error> = dataset.map { NameIndex.build(from: $0) }

    static func get() throws -> (Dataset, NameIndex) { (try dataset.get(), try index.get()) }

    static func evalCases() throws -> [SearchEvaluation.Case] {
        let url = try #require(
            Bundle.module.url(forResource: "search_eval", withExtension: "csv"),
            "search_eval.csv is not in the test bundle")
        return SearchEvaluation.parseCases(csv: try String(contentsOf: url, encoding: .utf8))
    }
}

@Suite("Search evaluation (issue 4)")
struct SearchEvaluationTests {
    /// Every expected code must follow from the data files, so the set cannot drift from them.
    @Test("every expected ODS code is verifiable from the dataset")
    func evidenceHolds() throws {
        let (dataset, _) = try SearchFixture.get()
        let cases = try SearchFixture.evalCases()
        #expect(cases.count >= 150)
        #expect(Set(cases.map { $0.query.lowercased() }).count == cases.count, "duplicate queries")
        for c in cases {
            let parts = c.evidence.split(separator: ":", maxSplits: 1).map(String.init)
            try #require(parts.count == 2, "bad evidence \(c.evidence)")
            let (kind, key) = (parts[0], parts[1])
            let expected = c.expectedODSCode
            #expect(dataset.trustsByCode[expected] != nil, "\(c.query): \(expected) is not in trusts.csv")
            switch kind {
            case "trust":
                #expect(key == expected, "\(c.query): trust evidence \(key) is not \(expected)")
            case "site":
                #expect(
                    dataset.sitesByCode[key]?.currentParentODSCode == expected,
                    "\(c.query): site \(key) has current parent \(dataset.sitesByCode[key]?.currentParentODSCode ?? "none"), not \(expected)"
                )
            case "alias":
                let codes = Set(dataset.aliases.filter { $0.alias.lowercased() == key.lowercased() }.map(\.odsCode))
                #expect(codes == [expected], "\(c.query): alias \(key) leads to \(codes.sorted()), not \(expected)")
            case "successor":
                let codes = Set((dataset.successorsByOldCode[key] ?? []).map(\.successorCode))
                #expect(codes == [expected], "\(c.query): successor of \(key) is \(codes.sorted()), not \(expected)")
            default:
                Issue.record("\(c.query): unknown evidence kind \(kind)")
            }
        }
    }

    @Test("the issue's examples are in the evaluation set")
    func issueExamplesPresent() throws {
        let queries = Set(try SearchFixture.evalCases().map { $0.query.lowercased() })
        for q in [
            "moorfields", "the christie", "kings lynn hospital", "guys and st thomas", "st georges tooting",
            "addenbrookes", "leeds general infirmary", "north staffs combined", "nwas", "royal free",
            "mancester royal infirmery", "adenbrooks",
        ] {
            #expect(queries.contains(q), "missing issue example \(q)")
        }
    }

    @Test("recall@1 >= 0.95 and recall@5 >= 0.99 on the embedded dataset")
    func recall() throws {
        let (_, index) = try SearchFixture.get()
        let cases = try SearchFixture.evalCases()
        let report = SearchEvaluation.evaluate(index, cases: cases)
        print(
            String(
                format: "search eval: recall@1 %.4f (%d/%d)  recall@5 %.4f (%d/%d)",
                report.recallAt1, report.hitsAt1, report.total, report.recallAt5, report.hitsAt5, report.total))
        for (kind, k) in report.byKind.sorted(by: { $0.key < $1.key }) {
            print("search eval:   \(kind): \(k.at1)/\(k.total) at 1, \(k.at5)/\(k.total) at 5")
        }
        for m in report.misses {
            print(
                "search eval:   miss [\(m.kind)] \"\(m.query)\" expected \(m.expected) at \(m.rank.map(String.init) ?? "-"), got \(m.top.joined(separator: " "))"
            )
        }
        #expect(report.recallAt1 >= 0.95)
        #expect(report.recallAt5 >= 0.99)
    }
}
