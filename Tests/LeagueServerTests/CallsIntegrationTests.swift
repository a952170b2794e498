import LeagueClient
import LeagueWire
import Testing

/// Every call over TCP, with its error statuses, on the real dataset.
@Suite("Calls over TCP")
struct CallsIntegrationTests {
    static func nearest(_ configure: (inout NearestRequest) -> Void) -> Call {
        var request = NearestRequest()
        configure(&request)
        return .nearest(request)
    }

    @Test(
        "nearest errors are distinct",
        arguments: [
            ("malformed postcode", nearest { $0.postcode = "hello world" }, StatusCode.invalidArgument),
            ("well-formed, unknown postcode", nearest { $0.postcode = "ZZ9 9ZZ" }, .notFound),
            (
                "latitude out of range",
                nearest {
                    $0.latitude = 91; $0.longitude = 0
                }, .invalidArgument
            ),
            (
                "longitude out of range",
                nearest {
                    $0.latitude = 52; $0.longitude = -181
                }, .invalidArgument
            ),
            (
                "limit out of range",
                nearest {
                    $0.postcode = "M13"; $0.limit = 51
                }, .invalidArgument
            ),
            (
                "both postcode and coordinates",
                nearest {
                    $0.postcode = "M13"; $0.latitude = 53; $0.longitude = -2
                }, .invalidArgument
            ),
            ("neither", nearest { _ in }, .invalidArgument),
            (
                "unspecified table",
                nearest {
                    $0.postcode = "M13"; $0.tables = [.unspecified]
                }, .invalidArgument
            ),
            (
                "negative distance",
                nearest {
                    $0.postcode = "M13"; $0.maxDistanceKm = -1
                }, .invalidArgument
            ),
        ])
    func nearestErrors(name: String, call: Call, expected: StatusCode) async throws {
        try await withTestServer { port, _ in
            let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            let response = try await client.send(call)
            #expect(response.status.code == expected, "\(name): \(response.status.message)")
            #expect(!response.status.message.isEmpty)
            await client.close()
        }
    }

    @Test("nearest by full postcode, district and coordinates; k results with no radius")
    func nearestAnswers() async throws {
        try await withTestServer { port, _ in
            let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            var request = NearestRequest()
            request.postcode = "m13 9wl"
            request.tables = [.acute]
            let sector = try await client.nearest(request)
            #expect(sector.location.precision == .postcodeSector)
            #expect(sector.location.matched == "M13 9")
            #expect(sector.location.country == "England")
            #expect(sector.trusts.count == 5)
            #expect(sector.trusts.allSatisfy { $0.trust.table == .acute && $0.trust.latest != nil })
            let distances = sector.trusts.map(\.distanceKm)
            #expect(distances == distances.sorted())
            #expect(sector.trusts.allSatisfy { abs($0.distanceMiles - $0.distanceKm / 1.609344) < 1e-6 })

            request = NearestRequest()
            request.postcode = "M13"
            let district = try await client.nearest(request)
            #expect(district.location.precision == .postcodeDistrict)

            request = NearestRequest()
            request.latitude = 50.1
            request.longitude = -5.5  // Penzance: still k answers, however far
            request.limit = 12
            let remote = try await client.nearest(request)
            #expect(remote.location.precision == .coordinates)
            #expect(remote.trusts.count == 12)
            await client.close()
        }
    }

    @Test(
        "a Welsh, Scottish or Northern Irish postcode gets the nearest English trusts and the England-only caveat",
        arguments: [("CF10 1EP", "Wales"), ("EH1 1YZ", "Scotland"), ("BT1 5GS", "Northern Ireland")])
    func outsideEngland(postcode: String, country: String) async throws {
        try await withTestServer { port, _ in
            let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            var request = NearestRequest()
            request.postcode = postcode
            let result = try await client.nearest(request)
            #expect(result.location.country == country)
            #expect(!result.trusts.isEmpty)
            #expect(result.caveats.contains { $0.contains("England only") })
            await client.close()
        }
    }

    @Test("league_table over the wire: bottom of the acute table, region and segment filters, bad table")
    func leagueTable() async throws {
        try await withTestServer { port, _ in
            let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            var request = LeagueTableRequest()
            request.table = .acute
            request.descending = true
            request.limit = 10
            let bottom = try await client.leagueTable(request)
            #expect(bottom.quarter == "Q1 2026/27")
            #expect(bottom.rows.count == 10)
            #expect(bottom.rows.first?.ranking.leaguePosition == 134)
            #expect(bottom.coverage?.tableSize == 134)

            request = LeagueTableRequest()
            request.table = .nonAcute
            request.region = "london"
            request.segment = 2
            request.quarter = "Q4 2025/26"
            let london = try await client.leagueTable(request)
            #expect(london.quarter == "Q4 2025/26")
            #expect(london.rows.allSatisfy { $0.trust.region == "London" && $0.ranking.segment == 2 })

            request = LeagueTableRequest()
            let missing = try await client.send(.leagueTable(request))
            #expect(missing.status.code == .invalidArgument)
            request.table = .acute
            request.limit = 500
            #expect(try await client.send(.leagueTable(request)).status.code == .invalidArgument)
            request.limit = 200
            let whole = try await client.leagueTable(request)
            #expect(whole.rows.count == 134)
            await client.close()
        }
    }

    @Test("trust_history and list_actions over the wire")
    func historyAndActions() async throws {
        try await withTestServer { port, _ in
            let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            let history = try await client.trustHistory("RP6")
            #expect(history.rankings.map(\.leaguePosition) == [1, 3, 6, 6, 4])
            #expect(history.rankings.last?.movement?.positionsUp == 2)
            #expect(history.rankings.last?.domains.count == 6)
            let actions = try await client.listActions("RCX")
            #expect(actions.trust.odsCode == "RCX")
            #expect(actions.actions.contains { !$0.derived && $0.sourceURL.hasPrefix("http") })
            #expect(actions.actions.contains { $0.derived })
            let none = try await client.send(.listActions(ListActionsRequest(odsCode: "QQQ")))
            #expect(none.status.code == .notFound)
            await client.close()
        }
    }

    @Test(
        "find_trusts: patient queries find the trust they mean first",
        arguments: [
            ("moorfields", "RP6"), ("kings lynn hospital", "RCX"), ("nwas", "RX7"), ("adenbrooks", "RGT"),
            ("mancester royal infirmery", "R0A"),
        ])
    func findTrusts(query: String, expected: String) async throws {
        try await withTestServer { port, _ in
            let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            let result = try await client.findTrusts(query)
            #expect(result.matches.first?.trust.odsCode == expected)
            #expect(result.matches.first?.kind != .unspecified)
            await client.close()
        }
    }
}

extension CallsIntegrationTests {
    @Test(
        "ambiguous queries say so and list several candidates; clear ones don't",
        arguments: [
            ("royal", true), ("st marys", true), ("moorfields", false), ("nwas", false),
        ])
    func ambiguity(query: String, ambiguous: Bool) async throws {
        try await withTestServer { port, _ in
            let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            let result = try await client.findTrusts(query)
            #expect(result.ambiguous == ambiguous)
            if ambiguous { #expect(result.matches.count > 1) }
            await client.close()
        }
    }
}
