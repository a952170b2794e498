import ArgumentParser
import Foundation
import LeagueCore

/// `check`: validate a dataset directory without serving it.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a dataset directory and print its coverage; exit 1 listing every problem."
    )

    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let directory = dataOptions.directory
        do {
            let dataset = try DatasetLoader.load(from: directory)
            print("\(directory.path): valid, data version \(dataset.version)")
            for coverage in dataset.coverage {
                print(
                    "  \(coverage.quarter.label) \(coverage.table.rawValue): \(coverage.withPosition)/\(coverage.tableSize) with position, \(coverage.withSegment) with segment, \(coverage.withDomainScores) with domain scores"
                )
            }
            let metricRows = dataset.metrics.valuesByTrust.values.reduce(0) { $0 + $1.count }
            print(
                "metrics: \(dataset.metrics.definitions.count) in the catalogue, \(metricRows) trust rows; rows per metric and quarter:"
            )
            for line in dataset.metrics.rowCountLines(framework: { dataset.quarterInfo($0)?.domainSet ?? "" }) {
                print("  " + line)
            }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
