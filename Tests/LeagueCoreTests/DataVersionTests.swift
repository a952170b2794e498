import Testing

@testable import LeagueCore

@Suite("Data version")
struct DataVersionTests {
    @Test("a dataset's version is its content hash and latest quarter; a snapshot without extra files has the same")
    func datasetAndSnapshotAgree() throws {
        let dataset = try Embedded.dataset()
        let latest = try #require(dataset.latestQuarter)
        #expect(dataset.version == "\(dataset.contentHash)-\(latest.label)")
        #expect(LeagueSnapshot(dataset: dataset).version == dataset.version)
    }

    @Test("a full-postcode table changes the hash, never the quarter, and each table gives its own version")
    func extraHashes() throws {
        let dataset = try Embedded.dataset()
        let a = LeagueSnapshot(dataset: dataset, fullPostcodesHash: "0000000000000001").version
        let b = LeagueSnapshot(dataset: dataset, fullPostcodesHash: "0000000000000002").version
        #expect(a != dataset.version && b != dataset.version && a != b)
        for version in [a, b] {
            #expect(version.hasSuffix("-" + (dataset.latestQuarter?.label ?? "")))
            #expect(version.split(separator: "-").first?.count == 16)
        }
    }

    @Test("a dataset with no quarter says so instead of naming one")
    func noQuarter() {
        #expect(DataVersion.make(contentHash: "00ff00ff00ff00ff", latestQuarter: nil) == "00ff00ff00ff00ff-none")
    }
}
