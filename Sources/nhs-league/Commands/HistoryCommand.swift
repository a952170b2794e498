import ArgumentParser
import LeagueWire

/// `nhs-league history <trust>`: every published quarter for one trust.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a trust's position in every published quarter, with movement.",
        discussion: """
            Examples:
              nhs-league history moorfields
              nhs-league history RCX --json
            """
    )

    @Argument(help: "Trust or hospital name, abbreviation, or ODS code.")
    var words: [String]

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await reportingErrors {
            let history = try await connection.withClient { client in
                let resolution = try await TrustResolver.resolve(words.joined(separator: " "), using: client)
                return try await client.trustHistory(resolution.odsCode)
            }
            if connection.json { return JSONOutput.print(history) }
            let style = Style.current
            print(style.bold("\(history.trust.name) (\(history.trust.odsCode))"))
            print("")
            if history.rankings.isEmpty {
                print("No published league positions for this trust.")
            } else {
                print(TrustReport.historyTable(history.rankings))
                for ranking in history.rankings where !RankingText.movement(ranking.movement).isEmpty {
                    print(style.dim("  \(ranking.quarter): \(RankingText.movement(ranking.movement))"))
                }
            }
            for caveat in history.caveats { print("  - " + TextLayout.wrap(caveat, indent: 4, firstLineUsed: 4)) }
        }
    }
}
