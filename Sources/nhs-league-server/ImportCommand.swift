import ArgumentParser
import Foundation
import LeagueCore
import LeagueData

/// `import`: merge NHS England's published NOF files into a dataset directory.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import NHS England's published NOF files (trust-data CSV, optional league-table CSV) into a dataset directory.",
        discussion: """
            Rows for the same (quarter, table, trust) and (quarter, trust, domain) are replaced; all other \
            rows are kept byte for byte. The merged dataset is validated as the server validates it before \
            anything is written; on any problem nothing is written and every problem is printed as \
            file:line: what is wrong. Exit status 0: imported (or nothing to change); 1: refused.

            The embedded dataset is read-only: import into a copy and serve the copy.
              cp -r "$(nhs-league-server import --print-embedded-path)" ./data
              nhs-league-server import --data ./data --dry-run \\
                --trust-data ...-mental-health-and-community-trust-data.csv \\
                --league-table ...-mental-health-and-community-trust-league-table.csv
              nhs-league-server import --data ./data --trust-data FILE \\
                --quarter "Q2 2026/27" --published 2026-12-09
              kill -HUP <pid>   # a server running with --data ./data reloads

            Column names and metric ids come from the mapping file (the bundled \
            import-mapping.json, see --print-mapping-path); pass an edited copy with --mapping.
            """
    )

    @Option(help: "Dataset directory to update (required; a copy of the embedded dataset).")
    var data: String?

    @Option(help: "NHS England long-format trust-data CSV (one row per trust per metric).")
    var trustData: String?

    @Option(help: "NHS England league-table CSV for the same trust type (deficit flag, likely ranges; cross-checked).")
    var leagueTable: String?

    @Option(help: "Import only this quarter (repeatable), e.g. \"Q4 2025/26\". Default: every quarter in the file.")
    var quarter: [String] = []

    @Option(help: "Column/metric mapping JSON (default: the bundled import-mapping.json).")
    var mapping: String?

    @Option(help: "Publication date (YYYY-MM-DD) for quarters the import adds to quarters.csv.")
    var published: String?

    @Option(help: "Source text for the imported rows (default: names the trust-data file).")
    var source: String?

    @Option(help: "Text appended after \"; \" to the source of rows that took values from the league table.")
    var leagueTableSource: String?

    @Flag(help: "Add trusts that are not in trusts.csv instead of refusing.")
    var allowNewTrusts = false

    @Flag(help: "Report what would change and validate it, but write nothing.")
    var dryRun = false

    @Flag(help: "Print the directory of the embedded dataset (to copy it) and exit.")
    var printEmbeddedPath = false

    @Flag(help: "Print the path of the bundled mapping file and exit.")
    var printMappingPath = false

    /// The bundled mapping sits next to the embedded dataset in the LeagueData resource bundle.
    static var bundledMappingURL: URL {
        EmbeddedDataset.directory.deletingLastPathComponent().appendingPathComponent("import-mapping.json")
    }

    func run() async throws {
        if printEmbeddedPath { print(EmbeddedDataset.directory.path); return }
        if printMappingPath { print(Self.bundledMappingURL.path); return }
        guard let data else {
            throw ValidationError(
                "--data DIR is required: the embedded dataset is read-only; copy it first (cp -r \"$(nhs-league-server import --print-embedded-path)\" ./data)"
            )
        }
        guard let trustData else { throw ValidationError("--trust-data FILE is required") }
        let dir = URL(fileURLWithPath: data, isDirectory: true).standardizedFileURL
        if dir.resolvingSymlinksInPath().path
            == EmbeddedDataset.directory.standardizedFileURL.resolvingSymlinksInPath().path
        {
            throw ValidationError("--data points at the embedded dataset, which is read-only; import into a copy")
        }
        var quarters: Set<Quarter>?
        if !quarter.isEmpty {
            var set: Set<Quarter> = []
            for q in quarter {
                guard let parsed = Quarter(parsing: q) else {
                    throw ValidationError("--quarter '\(q)' is not a quarter such as \"Q4 2025/26\"")
                }
                set.insert(parsed)
            }
            quarters = set
        }
        var publishedDate: CalendarDate?
        if let published {
            guard let d = CalendarDate(iso: published) else {
                throw ValidationError("--published '\(published)' is not a date YYYY-MM-DD")
            }
            publishedDate = d
        }
        do {
            let map = try ImportMapping.load(from: mapping.map { URL(fileURLWithPath: $0) } ?? Self.bundledMappingURL)
            var options = ImportOptions(
                dataDirectory: dir, trustData: URL(fileURLWithPath: trustData),
                leagueTable: leagueTable.map { URL(fileURLWithPath: $0) }, quarters: quarters, mapping: map)
            options.dryRun = dryRun
            options.allowNewTrusts = allowNewTrusts
            options.published = publishedDate
            options.source = source
            options.leagueTableSource = leagueTableSource
            let report = try NOFImporter.run(options)
            print(report)
            if report.changed && !dryRun {
                print("a server running with --data \(dir.path) picks this up on SIGHUP (kill -HUP <pid>)")
            }
        } catch let e as ImportError {
            FileHandle.standardError.write(Data("nhs-league-server import: \(e)\n".utf8))
            throw ExitCode(1)
        }
    }
}
