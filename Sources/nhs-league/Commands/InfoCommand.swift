import ArgumentParser
import LeagueWire

/// `nhs-league info`: what the server holds, and how complete each table is.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the server's dataset: quarters, tables and their coverage.",
        discussion: """
            Also a health check: exits 0 when the server answers.
            Examples:
              nhs-league info
              NHS_LEAGUE_ADDR=127.0.0.1:7411 nhs-league info --json
            """
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await reportingErrors {
            let info = try await connection.withClient { try await $0.serverInfo() }
            if connection.json { return JSONOutput.print(info) }
            let style = Style.current
            print(style.bold("nhs-league server \(info.serverVersion)"))
            print("Dataset \(info.dataVersion), loaded \(info.loadedAt)")
            print(
                "\(info.trusts) trusts, \(info.sites) hospital sites, \(info.actions) improvement actions, "
                    + "\(info.postcodeSectors) postcode sectors, \(info.postcodeDistricts) districts"
                    + (info.fullPostcodes > 0 ? ", \(info.fullPostcodes) full postcodes" : ""))
            print("")
            let rows = info.coverage.map { coverage in
                [
                    coverage.quarter, coverage.table.name, "\(coverage.tableSize)", "\(coverage.withPosition)",
                    "\(coverage.withSegment)", "\(coverage.withScore)", "\(coverage.withDomainScores)",
                ]
            }
            print(
                TextLayout.table(
                    headers: ["Quarter", "Table", "Trusts", "Position", "Segment", "Score", "Domains"],
                    rows: rows, rightAligned: [2, 3, 4, 5, 6]))
            if !info.attribution.isEmpty {
                print("")
                print(style.dim(TextLayout.wrap(info.attribution)))
            }
        }
    }
}
