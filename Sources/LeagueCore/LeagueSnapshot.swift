import Foundation

/// Everything one request is answered from: the validated dataset and the indexes
/// built over it. Immutable and `Sendable`, so it can be shared by every connection
/// and swapped atomically on reload.
public final class LeagueSnapshot: Sendable {
    public let dataset: Dataset
    public let queries: TrustQueries
    /// Trust metrics, metric leagues and the metric catalogue.
    public let metrics: MetricQueries
    /// Name, hospital, alias and former-name search.
    public let names: NameIndex
    /// Postcode or coordinates → the nearest open, ranked trusts (full postcode when
    /// imported, else sector, else district).
    public let nearest: NearestTrustSearch
    /// When this snapshot was loaded.
    public let loadedAt: Date
    /// Names this snapshot's content: the dataset's version, extended with the full-postcode
    /// table's hash when one is loaded, so it changes exactly when any served data changes.
    public let version: String

    public convenience init(
        dataset: Dataset, fullPostcodes: FullPostcodeTable = FullPostcodeTable(), fullPostcodesHash: String? = nil,
        loadedAt: Date = Date()
    ) {
        self.init(
            dataset: dataset, fullPostcodes: fullPostcodes, fullPostcodesHash: fullPostcodesHash, loadedAt: loadedAt,
            siteNames: nil)
    }

    /// `init(dataset:…)`, with the sites' search names the loader computed (`NameIndex.siteSearchNames`).
    init(
        dataset: Dataset, fullPostcodes: FullPostcodeTable = FullPostcodeTable(), fullPostcodesHash: String? = nil,
        loadedAt: Date = Date(), siteNames: NameIndex.SiteSearchNames?
    ) {
        self.dataset = dataset
        self.version = DataVersion.make(
            contentHash: dataset.contentHash, extraContentHashes: fullPostcodesHash.map { [$0] } ?? [],
            latestQuarter: dataset.latestQuarter?.quarter)
        // The indexes are independent reads of the same immutable dataset: built at the same
        // time (the name index is the largest, so it goes first; see `Concurrently`).
        let (names, (queries, metrics), nearest) = Concurrently.run(
            { NameIndex.build(from: dataset, siteNames: siteNames) },
            { () -> (TrustQueries, MetricQueries) in
                let queries = TrustQueries(dataset: dataset)
                return (queries, MetricQueries(dataset: dataset, trusts: queries))
            },
            { NearestTrustSearch(dataset: dataset, fullPostcodes: fullPostcodes) })
        self.queries = queries
        self.metrics = metrics
        self.names = names
        self.nearest = nearest
        self.loadedAt = loadedAt
    }

    /// Loads, validates and indexes a dataset directory. Throws `DatasetError` listing
    /// every problem as `file:line: what is wrong`.
    /// The optional full-postcode table (`postcodes_full.csv`, written by the Code-Point
    /// Open import) is loaded when present; without it full postcodes resolve to sectors.
    public static func load(from directory: URL) throws -> LeagueSnapshot {
        let (dataset, siteNames) = try DatasetLoader.loadForIndexing(from: directory)
        let fullURL = directory.appendingPathComponent(FullPostcodeTable.fileName)
        guard FileManager.default.fileExists(atPath: fullURL.path) else {
            return LeagueSnapshot(dataset: dataset, siteNames: siteNames)
        }
        var hasher = FNV1a64()
        hasher.update(try Data(contentsOf: fullURL))
        return LeagueSnapshot(
            dataset: dataset, fullPostcodes: try FullPostcodeTable.load(fromDataDirectory: directory),
            fullPostcodesHash: hasher.hex, siteNames: siteNames)
    }
}
