/// The `data_version` stamped on every answer, built in this one place.
///
/// It is `<content hash>-<latest quarter>`, e.g. `3f1c0d9e2a7b4c55-Q1 2026/27`: the hash
/// (FNV-1a 64, 16 hex digits) changes exactly when any served byte changes, and the
/// quarter tells a person at a glance how recent the data is.
public enum DataVersion {
    /// Stands in for the quarter when a dataset has none.
    static let noQuarter = "none"

    /// - Parameters:
    ///   - contentHash: the dataset's hash (`Dataset.contentHash`).
    ///   - extraContentHashes: hashes of further served files (the optional full-postcode
    ///     table); when given, they are folded into the hash so the version changes with them too.
    ///   - latestQuarter: the newest quarter the dataset ranks.
    public static func make(contentHash: String, extraContentHashes: [String] = [], latestQuarter: Quarter?) -> String {
        var hash = contentHash
        if !extraContentHashes.isEmpty {
            var hasher = FNV1a64()
            hasher.update(Array(([contentHash] + extraContentHashes).joined(separator: "+").utf8))
            hash = hasher.hex
        }
        return hash + "-" + (latestQuarter?.label ?? noQuarter)
    }
}
