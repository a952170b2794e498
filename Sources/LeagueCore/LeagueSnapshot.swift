import Foundation

/// Everything one request is answered from: the validated dataset and the indexes
/// built over it. Immutable and `Sendable`, so it can be shared by every connection
/// and swapped atomically on reload.
public struct LeagueSnapshot: Sendable {
    public let dataset: Dataset
    public let queries: TrustQueries
    /// Name, hospital, alias and former-name search.
    public let names: NameIndex
    /// When this snapshot was loaded.
    public let loadedAt: Date

    public init(dataset: Dataset, loadedAt: Date = Date()) {
        self.dataset = dataset
        self.queries = TrustQueries(dataset: dataset)
        self.names = NameIndex.build(from: dataset)
        self.loadedAt = loadedAt
    }

    /// Loads, validates and indexes a dataset directory. Throws `DatasetError` listing
    /// every problem as `file:line: what is wrong`.
    public static func load(from directory: URL) throws -> LeagueSnapshot {
        LeagueSnapshot(dataset: try DatasetLoader.load(from: directory))
    }
}
