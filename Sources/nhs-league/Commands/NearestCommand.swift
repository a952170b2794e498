import ArgumentParser
import LeagueWire

/// `nhs-league nearest <postcode>`: the nearest trusts and how they rank.
struct NearestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nearest",
        abstract: "Find the trusts nearest a postcode, town or coordinates, with their rankings.",
        discussion: """
            Examples:
              nhs-league nearest "M13 9WL" --table acute -n 5
              nhs-league nearest M13
              nhs-league nearest kendal
              nhs-league nearest --lat 53.46 --lon -2.23
            """
    )

    @Argument(
        help:
            "A full postcode (\"SW1A 1AA\"), sector (\"M13 9\") or district (\"M13\"), or a post town (\"Kendal\": the centre of its districts)."
    )
    var postcode: [String] = []

    @Option(parsing: .unconditional, help: "Latitude (WGS84), with --lon instead of a postcode.")
    var lat: Double?

    @Option(parsing: .unconditional, help: "Longitude (WGS84), with --lat; negative west of Greenwich.")
    var lon: Double?

    @Option(name: .customLong("table"), help: "Only this table (acute, non-acute, ambulance); repeatable.")
    var tables: [String] = []

    @Option(name: [.customShort("n"), .customLong("limit")], help: "How many trusts (1-50).")
    var limit: UInt32 = 5

    @Option(name: .customLong("within"), help: "Only trusts within this many km.")
    var maxDistanceKm: Double?

    @Flag(
        name: .customLong("include-clinics"),
        help: "Place trusts at their clinics and offices too, not only at their hospitals and inpatient units.")
    var includeClinics = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if postcode.isEmpty, lat == nil || lon == nil {
            throw ValidationError("give a postcode, or both --lat and --lon")
        }
        if !postcode.isEmpty, lat != nil || lon != nil {
            throw ValidationError("give a postcode or --lat/--lon, not both")
        }
        for table in tables where LeagueTableKind(userInput: table) == nil {
            throw ValidationError("unknown table \"\(table)\": use acute, non-acute or ambulance")
        }
    }

    func run() async throws {
        try await reportingErrors {
            var request = NearestRequest()
            request.postcode = postcode.joined(separator: " ")
            request.latitude = lat
            request.longitude = lon
            request.limit = limit
            request.tables = tables.compactMap { LeagueTableKind(userInput: $0) }
            request.maxDistanceKm = maxDistanceKm
            request.includeClinics = includeClinics
            let result = try await connection.withClient { try await $0.nearest(request) }
            if connection.json { return JSONOutput.print(result) }
            let style = Style.current
            let location = result.location
            var heading = "Nearest to "
            heading +=
                location.query.isEmpty
                ? "\(RankingText.format(location.latitude)), \(RankingText.format(location.longitude))"
                : location.query
            heading += " (\(location.precision.words)"
            heading += location.matched.isEmpty || location.matched == location.query ? ")" : " \(location.matched))"
            print(style.bold(heading))
            if !location.note.isEmpty { print(style.yellow(TextLayout.wrap(location.note))) }
            for (index, nearby) in result.trusts.enumerated() {
                let distance = "\(format1(nearby.distanceKm)) km".leftPadded(to: 8)
                print(
                    // Codes are 3 characters for most trusts, 5 for a few (G6V2S): 6 keeps a space.
                    "\(String(index + 1).leftPadded(to: 2)). \(distance)  \(style.bold(nearby.trust.odsCode.padding(toLength: 6, withPad: " ", startingAt: 0)))"
                        + TextLayout.fit(nearby.trust.name, 57))
                var facts: [String] = ["\(format1(nearby.distanceMiles)) mi"]
                facts.append(
                    nearby.viaHeadquarters
                        ? "HQ (no inpatient hospital of its own; trust headquarters, \(nearby.site.postcode))"
                        : nearby.site.name)
                facts.append(nearby.trust.table.name)
                if let latest = nearby.trust.latest {
                    facts.append("\(RankingText.position(latest))")
                    if let segment = latest.segment { facts.append(style.segment(segment, "segment \(segment)")) }
                }
                print(
                    String(repeating: " ", count: 20)
                        + TextLayout.wrap(facts.joined(separator: " · "), indent: 20, firstLineUsed: 20))
            }
            if !result.caveats.isEmpty { print("") }
            for caveat in result.caveats {
                print(style.dim("- " + TextLayout.wrap(caveat, indent: 2, firstLineUsed: 2)))
            }
        }
    }

    private func format1(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return String(tenths)
    }
}
