import Foundation
import LeagueClient
import LeagueCore
import LeagueWire

/// Turns what a person typed (an ODS code, a trust or hospital name, an
/// abbreviation) into one trust code, keeping the other candidates to show.
enum TrustResolver {
    struct Resolution {
        var odsCode: String
        /// The search matches, when a search was needed (empty for a direct code).
        var matches: [TrustMatch]
        /// The best match was not clearly ahead: the other candidates should be shown.
        var ambiguous = false
        /// The trust itself, when resolving already fetched it (a code typed directly).
        var detail: TrustDetail? = nil
    }

    static func resolve(_ text: String, using client: LeagueClient) async throws -> Resolution {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw CLIError(.badInput, "say which trust: a name, a hospital or an ODS code") }
        if looksLikeODSCode(trimmed) {
            do {
                let detail = try await client.getTrust(trimmed)
                return Resolution(odsCode: detail.trust.odsCode, matches: [], detail: detail)
            } catch {
                // Not a code after all ("LGI", "MRI"): search by name instead.
                guard error.statusCode == .notFound else { throw CLIError(error) }
            }
        }
        if let hint = nearMeHint(trimmed) { throw CLIError(.notFound, hint) }
        let found: FindTrustsResult
        do {
            found = try await client.findTrusts(trimmed)
        } catch {
            throw CLIError(error)
        }
        guard let best = found.matches.first else {
            if let hint = postcodeHint(trimmed) { throw CLIError(.notFound, hint) }
            var message = "no NHS trust matches \"\(trimmed)\""
            if !found.didYouMean.isEmpty {
                message += ". Did you mean: " + found.didYouMean.prefix(3).joined(separator: ", ") + "?"
            }
            throw CLIError(.notFound, message)
        }
        return Resolution(odsCode: best.trust.odsCode, matches: found.matches, ambiguous: found.ambiguous)
    }

    /// For text that names no trust but is a postcode ("M13 9WL", "m139wl", "M13"): where to
    /// ask instead. A patient asking about "my hospital" often types where they live.
    static func postcodeHint(_ text: String) -> String? {
        guard let postcode = Postcode(text) else { return nil }
        return "\"\(text)\" is a postcode, not a trust or hospital name: "
            + "nhs-league nearest \"\(postcode.canonical)\" lists the trusts nearest to it"
    }

    /// For text that asks for what is near without saying where ("hospital near me", "nearest
    /// hospital"): search would match those words in some clinic's name, so say what to ask instead.
    static func nearMeHint(_ text: String) -> String? {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        guard !words.isEmpty, words.allSatisfy(nearMeWords.contains),
            words.contains(where: ["near", "nearest", "closest", "nearby", "local"].contains)
        else { return nil }
        return "\"\(text)\" does not say where: give your postcode or town, "
            + "e.g. nhs-league nearest \"M13 9WL\" or nhs-league nearest kendal"
    }

    private static let nearMeWords: Set<String> = [
        "near", "nearest", "closest", "nearby", "local", "me", "my", "to", "the", "a", "an", "hospital", "hospitals",
        "trust", "trusts", "nhs", "a&e", "ae", "e", "here", "best",
    ]

    /// ODS trust codes are 3 or 5 letters/digits ("RP6", "RAJ", "G6V2S").
    static func looksLikeODSCode(_ text: String) -> Bool {
        (text.count == 3 || text.count == 5) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
