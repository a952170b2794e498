import Foundation

/// Everything one request is answered from: the validated dataset and the indexes
/// built over it. Immutable and `Sendable`, so it can be shared by every connection
/// and swapped atomically on reload.
public struct LeagueSnapshot: Sendable {
    public let dataset: Dataset
    public let queries: TrustQueries
    /// Name, hospital, alias and former-name search.
    public let names: NameIndex
    /// Postcode → coordinates (full postcode when imported, else sector, else district).
    public let postcodes: PostcodeIndex
    /// Nearest open, ranked trusts to a point.
    public let geo: GeoIndex
    /// When this snapshot was loaded.
    public let loadedAt: Date

    public init(dataset: Dataset, fullPostcodes: FullPostcodeTable = FullPostcodeTable(), loadedAt: Date = Date()) {
        self.dataset = dataset
        self.queries = TrustQueries(dataset: dataset)
        self.names = NameIndex.build(from: dataset)
        self.postcodes = PostcodeIndex(dataset: dataset, fullPostcodes: fullPostcodes)
        self.geo = GeoIndex(dataset: dataset)
        self.loadedAt = loadedAt
    }

    /// Loads, validates and indexes a dataset directory. Throws `DatasetError` listing
    /// every problem as `file:line: what is wrong`.
    /// The optional full-postcode table (`postcodes_full.csv`, written by the Code-Point
    /// Open import) is loaded when present; without it full postcodes resolve to sectors.
    public static func load(from directory: URL) throws -> LeagueSnapshot {
        let dataset = try DatasetLoader.load(from: directory)
        let fullPath = directory.appendingPathComponent(FullPostcodeTable.fileName).path
        let full = FileManager.default.fileExists(atPath: fullPath)
            ? try FullPostcodeTable.load(fromDataDirectory: directory) : FullPostcodeTable()
        return LeagueSnapshot(dataset: dataset, fullPostcodes: full)
    }
}
