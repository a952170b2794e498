import Foundation

/// The real published dataset bundled with the package (see `Data/README.md`),
/// so `nhs-league-server` serves real tables with no set-up.
public enum EmbeddedDataset {
    /// Directory holding the canonical CSV files.
    public static var directory: URL {
        guard let url = Bundle.module.url(forResource: "dataset", withExtension: nil) else {
            // The resource is declared in Package.swift; its absence means a broken build.
            fatalError("nhs-league: the embedded dataset resource is missing from the bundle")
        }
        return url
    }
}
