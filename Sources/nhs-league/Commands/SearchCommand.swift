import ArgumentParser
import LeagueWire

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

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

    @Option(name: [.customShort("n"), .customLong("limit")], help: "Most candidates to list (1-50).")
    var limit: UInt32 = 10

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await reportingErrors {
            let query = words.joined(separator: " ")
            if !connection.json, let hint = TrustResolver.nearMeHint(query) { throw CLIError(.notFound, hint) }
            let result = try await connection.withClient { try await $0.findTrusts(query, limit: limit) }
            if connection.json {
                JSONOutput.print(result)
                if result.matches.isEmpty { throw CLIError(.notFound, "no NHS trust matches \"\(query)\"") }
                return
            }
            if result.matches.isEmpty {
                if let hint = TrustResolver.postcodeHint(query) { throw CLIError(.notFound, hint) }
                var text = "No NHS trust matches \"\(query)\"."
                if !result.didYouMean.isEmpty {
                    text += " Did you mean: " + result.didYouMean.joined(separator: ", ") + "?"
                }
                print(TextLayout.wrap(text))
                throw CLIError(.notFound, "no match")
            }
            let style = Style.current
            for (index, match) in result.matches.enumerated() {
                let number = String(index + 1).leftPadded(to: 2)
                print(
                    "\(number). \(style.bold(match.trust.odsCode.padding(toLength: 6, withPad: " ", startingAt: 0)))"
                        + TextLayout.fit(match.trust.name, 70))
                var facts: [String] = [match.trust.table.name]
                if let latest = match.trust.latest {
                    facts.append("\(RankingText.position(latest)) in \(latest.quarter)")
                    if let segment = latest.segment { facts.append("segment \(segment)") }
                }
                var how = "\(match.kind.words) match"
                if match.field == .alias {
                    how = "matched " + match.matchedWords  // "alias match on alias" says it twice
                } else if match.field != .trustName, match.field != .odsCode {
                    how += " on " + match.matchedWords
                }
                facts.append(how)
                if !match.headline.isEmpty {
                    print("         " + TextLayout.wrap(match.headline, indent: 9, firstLineUsed: 9))
                }
                if !match.successorNote.isEmpty {
                    print("         " + TextLayout.wrap(match.successorNote, indent: 9, firstLineUsed: 9))
                }
                print(
                    "         "
                        + style.dim(TextLayout.wrap(facts.joined(separator: " · "), indent: 9, firstLineUsed: 9)))
                if !match.alsoProvidesServicesHere.isEmpty {
                    let others = match.alsoProvidesServicesHere.joined(separator: "; ")
                    print(
                        "         "
                            + style.dim(
                                TextLayout.wrap("also provides services here: " + others, indent: 9, firstLineUsed: 9)))
                }
            }
            // A town typed: its general acute hospitals are listed; the nearest trusts are one
            // command away, from the hospital's postcode (not every ODS town is a post town that
            // `nearest` knows: Frimley, Margate).
            if let match = result.matches.first(where: \.isTownMatch), let site = match.site, !site.postcode.isEmpty {
                let command = "nhs-league nearest \"\(site.postcode)\""
                print(
                    style.dim(
                        TextLayout.wrap(
                            "Every trust near \(match.matchedText), by distance from \(site.name): \(command)")))
            }
        }
    }
}
