import Foundation
import LeagueCore
import LeagueService
import LeagueWire
import Testing

/// Nearest answers are written from fragments encoded once per snapshot (each place's
/// trust and site) around the per-request location, distances and caveats. Decoded, they
/// must be exactly the value path's `Response`, for real postcodes all over the country,
/// and a fragment must never outlive its snapshot.
@Suite("Nearest, encoded path: the value path's answer for real postcodes, across reloads")
struct NearestEncodedTests {
    /// Asks `request` on both paths and compares the decoded answers (and the bytes).
    static func expectSameAnswer(_ request: NearestRequest, service: LeagueService = Shared.service) throws {
        let asked = Request(id: 11, call: .nearest(request))
        let expected = service.respond(to: asked)
        let encoded = service.respondEncoded(to: asked).serializedBytes()
        let decoded = try ProtobufCodec.decodeResponse(encoded)
        #expect(decoded == expected, "nearest \(request.postcode) clinics \(request.includeClinics): answers differ")
        #expect(encoded == expected.serializedBytes(), "nearest \(request.postcode): bytes differ")
    }

    /// Every third sector of the dataset (England, Wales, Scotland; about 3,600), as asked
    /// by the bench, and every ninth again with clinics, a table filter and a limit.
    @Test("every third postcode sector; every ninth with clinics, tables and a limit")
    func sectors() throws {
        let sectors = Shared.dataset.postcodeSectors.map(\.code)
        #expect(sectors.count > 9_000)
        for (index, sector) in sectors.enumerated() where index % 3 == 0 {
            try Self.expectSameAnswer(.with { $0.postcode = sector })
            guard index % 9 == 0 else { continue }
            try Self.expectSameAnswer(
                .with {
                    $0.postcode = sector.lowercased()
                    $0.includeClinics = true
                    $0.tables = index % 2 == 0 ? [.acute] : [.nonAcute, .ambulance]
                    $0.limit = UInt32(1 + index % 12)
                })
        }
    }

    /// Full postcodes (answered by their sector's centre, with a precision note), within
    /// a radius, and places with notices (Wales, Scotland, Northern Ireland, headquarters).
    @Test("site postcodes, radii, and answers with notices")
    func postcodesAndNotices() throws {
        for site in Shared.dataset.sites.prefix(2_000) {
            guard let postcode = site.postcode, !postcode.isEmpty else { continue }
            try Self.expectSameAnswer(.with { $0.postcode = postcode })
        }
        for spelling in [" M13 9 ", "\tEC1V 2", "m139wl", "M13 9\n", "\u{00A0}LS1 4\u{2003}", "", " "] {
            try Self.expectSameAnswer(.with { $0.postcode = spelling })
        }
        for (postcode, km) in [("CF10 3", 30.0), ("EH1 1", 500), ("BT1 1", 800), ("M13 9", 2), ("TR21 0", 5)] {
            try Self.expectSameAnswer(
                .with {
                    $0.postcode = postcode
                    $0.maxDistanceKm = km
                })
        }
    }

    @Test("after a reload, and back, no fragment of the other snapshot is served")
    func reloads() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nhs-league-nearest-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let renamed = "Moorfields Eye Hospital NHS Foundation Trust"
        try EncodedAnswerTests.writeDataset(to: directory, renaming: renamed)
        let store = SnapshotStore(Shared.snapshot)
        let service = LeagueService(store: store, serverVersion: "test", logger: quietLogger)
        // Central London sectors: Moorfields (RP6) is among the nearest acute trusts.
        let london = Shared.dataset.postcodeSectors.map(\.code).filter {
            $0.hasPrefix("EC") || $0.hasPrefix("WC") || $0.hasPrefix("N1 ")
        }
        #expect(london.count > 50)
        let requests = london.map { sector in NearestRequest.with { $0.postcode = sector } }

        /// Compares every answer, and counts those listing Moorfields under each name.
        func check() throws -> (original: Int, reloaded: Int) {
            var names = (original: 0, reloaded: 0)
            for request in requests {
                try Self.expectSameAnswer(request, service: service)
                let answer = try ProtobufCodec.decodeResponse(
                    service.respondEncoded(to: Request(id: 3, call: .nearest(request))).serializedBytes())
                #expect(answer.dataVersion == store.current.version)
                guard case .nearest(let result) = answer.result else {
                    Issue.record("no nearest result for \(request.postcode)")
                    continue
                }
                for nearby in result.trusts where nearby.trust.odsCode == "RP6" {
                    if nearby.trust.name == renamed { names.original += 1 }
                    if nearby.trust.name == "\(renamed) RELOADED" { names.reloaded += 1 }
                }
            }
            return names
        }

        let before = try check()
        #expect(before.original > 0 && before.reloaded == 0)
        try await service.reload(from: directory)
        let reloaded = try check()
        #expect(reloaded.original == 0 && reloaded.reloaded == before.original)
        store.replace(with: Shared.snapshot)
        let back = try check()
        #expect(back.original == before.original && back.reloaded == 0)
    }
}
