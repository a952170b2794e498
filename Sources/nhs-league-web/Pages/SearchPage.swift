import Foundation
import Hummingbird
import LeagueWire

/// `/search?q=`: a postcode goes to the nearest trusts, a trust code or a clear name to
/// its page, a hospital to its hospital page; an ambiguous name lists the candidates.
enum SearchPage {
    static func make(_ request: Request, _ site: WebSite) async throws(WebError) -> PageOutcome {
        let query = (FormQuery(request).get("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else {
            throw WebError.badRequest("Enter the name of a hospital or NHS trust, or a postcode.")
        }
        guard query.count <= 100 else { throw WebError.badRequest("Enter fewer than 100 characters.") }
        let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
        if Postcode.looksLikeTrustCode(query), let trust = try? await site.gateway.getTrust(query) {
            return .redirect(trust.value.trust.href)
        }
        if Postcode.looksLikePostcode(query) {
            return .redirect("/nearest?postcode=" + Postcode.urlEncoded(query))
        }
        let found = try await site.gateway.findTrusts(query, limit: 10)
        let result = found.value
        if !wantsJSON, !result.ambiguous, let best = result.matches.first {
            return .redirect(best.href)
        }
        let context: [String: Any] = [
            "query": query,
            "ambiguous": result.ambiguous,
            "matches": result.matches.map { match in
                var context = Context.trust(match.trust)
                context["href"] = match.href
                // a hospital's name or initials ("RVI"): the hospital, run by its trust (or, when
                // the records do not show who runs it, where the trust provides services)
                if match.field == .siteName {
                    context["hospital"] = match.matchedText
                } else if let hospital = match.site {
                    context["hospital"] = hospital.name
                }
                if let hospital = match.site, !hospital.mainOperatorConfirmed { context["servicesAt"] = true }
                return context
            },
            "count": result.matches.count,
            "hasDidYouMean": !result.didYouMean.isEmpty,
            "didYouMean": result.didYouMean.map { ["text": $0, "href": "/search?q=" + Postcode.urlEncoded($0)] },
        ]
        return .page(
            Page(
                template: "search", title: result.matches.isEmpty ? "No results for \(query)" : "Results for \(query)",
                context: context, json: { result.jsonString() }, dataVersion: found.dataVersion,
                status: result.matches.isEmpty ? .notFound : .ok))
    }
}

extension Trust {
    var href: String { "/trust/\(odsCode)" }
}

extension TrustMatch {
    /// A hospital match (its name, or an alias of it such as its initials) goes to the hospital
    /// page, anything else to the trust page.
    var href: String {
        (field == .siteName || site != nil) && !siteCode.isEmpty
            ? "/trust/\(trust.odsCode)/hospital/\(siteCode)" : trust.href
    }
}

/// How the search box tells a postcode from a name (the server validates it properly).
enum Postcode {
    /// "M13 9WL", "M13 9", "M13", "SW1A 1AA": an outward code, optionally with the inward part.
    static func looksLikePostcode(_ text: String) -> Bool {
        let compact = text.uppercased().filter { $0 != " " }
        guard (2...7).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return false }
        let chars = Array(compact)
        // Area: one or two letters, then a digit.
        var index = 0
        while index < chars.count, chars[index].isLetter { index += 1 }
        guard (1...2).contains(index), index < chars.count, chars[index].isNumber else { return false }
        // A name never has a digit right after its first letters; anything with one is meant as a postcode.
        return true
    }

    /// "Kendal", "Stoke-on-Trent", "St. Albans": letters, with spaces, hyphens, apostrophes,
    /// dots and commas, at most 40 characters (the longest post town is 30).
    static func looksLikeTown(_ text: String) -> Bool {
        (2...40).contains(text.count) && text.contains(where: \.isLetter)
            && text.allSatisfy { $0.isLetter || " -'.,".contains($0) }
    }

    /// ODS trust codes are 3 or 5 letters/digits and start with a letter ("RP6", "R0A").
    static func looksLikeTrustCode(_ text: String) -> Bool {
        (text.count == 3 || text.count == 5) && text.first?.isLetter == true
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    static func urlEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
