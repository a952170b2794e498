import ArgumentParser
import Foundation
import LeagueData

/// Where the dataset comes from.
struct DataOptions: ParsableArguments {
    @Option(help: "Dataset directory (default: the embedded dataset bundled with the server).")
    var data: String?

    var directory: URL {
        data.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? EmbeddedDataset.directory
    }
}
