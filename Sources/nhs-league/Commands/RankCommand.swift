import ArgumentParser
import LeagueClient
import LeagueWire

/// `nhs-league rank <trust>`: the answer a patient asked for, with its context.
struct RankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Show where a trust ranks, with its movement, domains, caveats and sources.",
        discussion: """
            Give a trust or hospital name, an abbreviation or an ODS code.
            Examples:
              nhs-league rank moorfields
              nhs-league rank kings lynn hospital
              nhs-league rank RP6 --json
            """
    )

    @Argument(help: "Trust or hospital name, abbreviation, or ODS code.")
    var words: [String]

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await reportingErrors {
            let query = words.joined(separator: " ")
            let (detail, history, matches) = try await connection.withClient { client in
                let resolution = try await TrustResolver.resolve(query, using: client)
                // A code typed directly was already fetched while resolving it.
                async let detail = { () async throws -> TrustDetail in
                    if let fetched = resolution.detail { return fetched }
                    return try await client.getTrust(resolution.odsCode)
                }()
                // trust_history adds the full series; older servers may not have it.
                async let history = try? client.trustHistory(resolution.odsCode)
                // Other candidates are worth showing only when the best one is not clearly ahead.
                return try await (
                    detail, history, resolution.ambiguous ? resolution.matches : Array(resolution.matches.prefix(1))
                )
            }
            if connection.json {
                JSONOutput.print { json in
                    json.key("trust")
                    json.message(detail)
                    if let history {
                        json.key("history")
                        json.message(history)
                    }
                    if matches.count > 1 {
                        json.key("otherMatches")
                        json.array(Array(matches.dropFirst())) { json, match in json.message(match) }
                    }
                }
            } else {
                if matches.count > 1 {
                    let note =
                        "Several trusts match \"\(query)\"; this is the closest. The others are listed at the end "
                        + "(or see `nhs-league search \(query)`)."
                    print(Style.current.yellow(TextLayout.wrap(note)) + "\n")
                }
                print(TrustReport.render(detail: detail, history: history, matches: matches, style: .current))
            }
        }
    }
}
