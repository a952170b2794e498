import ArgumentParser
import LeagueWire

/// `nhs-league actions <trust>`: what is being done to improve a trust.
struct ActionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List sourced improvement actions for a trust, newest first.",
        discussion: """
            Examples:
              nhs-league actions "kings lynn"
              nhs-league actions RCX --json
            """
    )

    @Argument(help: "Trust or hospital name, abbreviation, or ODS code.")
    var words: [String]

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await reportingErrors {
            let result = try await connection.withClient { client in
                let resolution = try await TrustResolver.resolve(words.joined(separator: " "), using: client)
                return try await client.listActions(resolution.odsCode)
            }
            if connection.json { return JSONOutput.print(result) }
            let style = Style.current
            print(style.bold("\(result.trust.name) (\(result.trust.odsCode))"))
            if let latest = result.trust.latest {
                print(
                    "\(latest.quarter): position \(RankingText.position(latest)), segment \(RankingText.cell(latest.segment))"
                )
            }
            if !result.summary.isEmpty {
                print("")
                print(TextLayout.wrap(result.summary))
            }
            for action in result.actions {
                print("")
                let date = action.date.isEmpty ? "undated" : action.date
                let label = action.derived ? style.dim("[derived from the data]") : style.dim("[\(action.category)]")
                print(style.bold(date) + "  " + label)
                print("  " + TextLayout.wrap(action.title, indent: 2, firstLineUsed: 2))
                if !action.status.isEmpty { print("  Status: \(action.status)") }
                if !action.note.isEmpty {
                    print(style.dim("  Note: " + TextLayout.wrap(action.note, indent: 8, firstLineUsed: 8)))
                }
                if !action.sourceText.isEmpty {
                    print(
                        style.dim(
                            "  " + TextLayout.wrap(action.sourceText.capitalizedFirst, indent: 2, firstLineUsed: 2)))
                }
                if !action.sourceURL.isEmpty { print(style.dim("  Source: \(action.sourceURL)")) }
            }
        }
    }
}
