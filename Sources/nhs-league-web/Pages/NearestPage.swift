import Hummingbird
import LeagueWire

/// `/nearest?postcode=`: the trusts nearest a postcode or town, in miles and km.
enum NearestPage {
    static func make(_ request: Request, _ site: WebSite) async throws(WebError) -> PageOutcome {
        let postcode = (FormQuery(request).get("postcode") ?? "").trimmingCharacters(in: .whitespaces)
        guard !postcode.isEmpty else { throw WebError.badRequest("Enter a postcode, for example SW1A 1AA.") }
        // A town ("Kendal") is the server's to find or refuse (it knows the post towns).
        guard (postcode.count <= 10 && Postcode.looksLikePostcode(postcode)) || Postcode.looksLikeTown(postcode) else {
            throw WebError.badRequest(
                "\"\(postcode.prefix(20))\" is not a postcode. Enter a full postcode such as SW1A 1AA, the first part, such as M13, or a town, such as Kendal."
            )
        }
        var call = NearestRequest()
        call.postcode = postcode
        call.limit = 10
        let answer = try await site.gateway.nearest(call)
        let result = answer.value
        let location = result.location
        let context: [String: Any] = [
            "postcode": location.query.isEmpty ? postcode : location.query,
            "matched": location.matched != location.query ? location.matched : "",
            "note": location.note,
            "trusts": result.trusts.map { nearby in
                var context = Context.trust(nearby.trust)
                context["miles"] = Words.oneDecimal(nearby.distanceMiles)
                context["km"] = Words.oneDecimal(nearby.distanceKm)
                context["siteName"] = nearby.viaHeadquarters ? "Trust headquarters" : nearby.site.name
                context["sitePostcode"] = nearby.site.postcode
                return context
            },
            "caveats": result.caveats,
            "hasCaveats": !result.caveats.isEmpty,
        ]
        return .page(
            Page(
                template: "nearest", title: "NHS trusts near \(context["postcode"] ?? postcode)", context: context,
                json: { result.jsonString() }, dataVersion: answer.dataVersion))
    }
}
