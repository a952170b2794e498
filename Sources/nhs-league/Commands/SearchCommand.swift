import ArgumentParser
import LeagueWire

/// `nhs-league search <text>`: candidate trusts for a name, hospital or abbreviation.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "List trusts matching a name, hospital, place or abbreviation.",
        discussion: """
            Examples:
              nhs-league search royal
              nhs-league search "st georges tooting"
              nhs-league search addenbrookes -n 3 --json
            """
    )

    @Argument(help: "What to look for.")
    var words: [String]

    @Option(name: [.short, .customLong("limit")], help: "Most candidates to list (1-50).")
    var limit: UInt32 = 10

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await reportingErrors {
            let query = words.joined(separator: " ")
            let result = try await connection.withClient { try await $0.findTrusts(query, limit: limit) }
            if connection.json { return try JSONOutput.print(result) }
            if result.matches.isEmpty {
                var text = "No NHS trust matches \"\(query)\"."
                if !result.didYouMean.isEmpty { text += " Did you mean: " + result.didYouMean.joined(separator: ", ") + "?" }
                print(TextLayout.wrap(text))
                throw CLIError(.notFound, "no match")
            }
            let rows = result.matches.map { match in
                [
                    match.trust.odsCode, TrustReport.displayName(match.trust.name),
                    match.trust.latest.map(RankingText.position) ?? "-",
                    match.kind.name + (match.field == .trustName ? "" : " " + match.field.name.replacingOccurrences(of: "_", with: " ")),
                    match.field == .trustName ? "" : match.matchedText,
                ]
            }
            print(TextLayout.table(headers: ["Code", "Trust", "Position", "Match", "Matched"], rows: rows, flexible: [1, 4]))
        }
    }
}
