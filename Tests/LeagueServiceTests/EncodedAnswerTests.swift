import Foundation
import LeagueCore
import LeagueData
import LeagueService
import LeagueWire
import Testing

/// The encoded path (`respondEncoded`, cached and spliced answers) must send exactly the
/// bytes protobuf-c writes for the value path's answer, for every trust, every search by
/// name or code, every postcode district and every published table, the first time (cache
/// miss) and the second (hit); and must never serve a previous snapshot's bytes.
@Suite("Encoded answers: byte for byte the value path's")
struct EncodedAnswerTests {
    /// Asks `call` on both paths, twice on the encoded one, and compares the bytes.
    static func expectSameBytes(_ call: Call, service: LeagueService = Shared.service, id: UInt64 = 7) {
        let request = Request(id: id, call: call)
        let expected = service.respond(to: request).serializedBytes()
        let first = service.respondEncoded(to: request)
        let second = service.respondEncoded(to: request)
        #expect(first.id == id && second.id == id)
        #expect(first.serializedBytes() == expected, "\(call.name) \(call): first (cache miss) differs")
        #expect(second.serializedBytes() == expected, "\(call.name) \(call): second (cache hit) differs")
    }

    @Test("get_trust, trust_history, list_actions: every trust, any spelling of its code", arguments: Shared.trustCodes)
    func perTrust(code: String) {
        for spelling in [code, code.lowercased(), " \(code) "] {
            Self.expectSameBytes(.getTrust(GetTrustRequest(odsCode: spelling)))
            Self.expectSameBytes(.trustHistory(TrustHistoryRequest(odsCode: spelling)))
            Self.expectSameBytes(.listActions(ListActionsRequest(odsCode: spelling)))
        }
    }

    @Test("find_trusts: every trust's code, name and former names, and every site's name")
    func findTrusts() {
        var queries = Set<String>()
        for trust in Shared.dataset.trusts { queries.formUnion([trust.odsCode, trust.name, trust.displayName]) }
        for site in Shared.dataset.sites { queries.insert(site.name) }
        for query in queries.sorted() {
            Self.expectSameBytes(.findTrusts(FindTrustsRequest(query: query)))
        }
        Self.expectSameBytes(.findTrusts(FindTrustsRequest(query: "royal", limit: 50)))
    }

    @Test("nearest: every postcode district, and every trust's headquarters by coordinates")
    func nearest() {
        for district in Shared.dataset.postcodeDistricts {
            Self.expectSameBytes(.nearest(.with { $0.postcode = district.code }))
        }
        for trust in Shared.dataset.trusts {
            guard let latitude = trust.hqLatitude, let longitude = trust.hqLongitude else { continue }
            Self.expectSameBytes(
                .nearest(
                    .with {
                        $0.latitude = latitude
                        $0.longitude = longitude
                        $0.limit = 12
                        $0.tables = [.acute, .ambulance]
                    }))
        }
    }

    @Test("league_table and server_info: every published table, both orders; errors too")
    func tablesInfoAndErrors() {
        for quarterTable in Shared.dataset.quarterTables {
            for descending in [false, true] {
                Self.expectSameBytes(
                    .leagueTable(
                        .with {
                            $0.table =
                                quarterTable.table == .acute
                                ? .acute : quarterTable.table == .nonAcute ? .nonAcute : .ambulance
                            $0.quarter = quarterTable.quarter.label
                            $0.descending = descending
                            $0.limit = 30
                        }))
            }
        }
        Self.expectSameBytes(.serverInfo)
        Self.expectSameBytes(.getTrust(GetTrustRequest(odsCode: "ZZZ99")))
        Self.expectSameBytes(.getTrust(GetTrustRequest(odsCode: "")))
        Self.expectSameBytes(.findTrusts(FindTrustsRequest(query: "")))
        Self.expectSameBytes(.nearest(.with { $0.postcode = "not a postcode" }))
        Self.expectSameBytes(.unset)
    }

    @Test(
        "the id goes back in front of the shared bytes, whatever its size",
        arguments: [0, 1, 127, 128, .max] as [UInt64])
    func ids(id: UInt64) {
        Self.expectSameBytes(.getTrust(GetTrustRequest(odsCode: "RP6")), id: id)
    }

    @Test("after a reload no cached answer of the previous snapshot is served")
    func reloadDropsCachedAnswers() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nhs-league-cache-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.writeDataset(to: directory, renaming: "Moorfields Eye Hospital NHS Foundation Trust")
        let store = SnapshotStore(Shared.snapshot)
        let service = LeagueService(store: store, serverVersion: "test", logger: quietLogger)
        let calls: [Call] = [
            .getTrust(GetTrustRequest(odsCode: "RP6")), .trustHistory(TrustHistoryRequest(odsCode: "RP6")),
            .listActions(ListActionsRequest(odsCode: "RP6")), .findTrusts(FindTrustsRequest(query: "Moorfields")),
            .nearest(.with { $0.postcode = "EC1V" }), .serverInfo,
        ]
        // Fill the cache from the original snapshot.
        for call in calls { Self.expectSameBytes(call, service: service) }

        let reloadedVersion = try await service.reload(from: directory)
        #expect(reloadedVersion != Shared.snapshot.version)
        for call in calls {
            Self.expectSameBytes(call, service: service)
            let answer = try ProtobufCodec.decodeResponse(
                service.respondEncoded(to: Request(id: 1, call: call)).serializedBytes())
            #expect(answer.dataVersion == reloadedVersion, "\(call.name) answered from the old snapshot")
        }
        let detail = try ProtobufCodec.decodeResponse(
            service.respondEncoded(to: Request(id: 1, call: calls[0])).serializedBytes())
        guard case .getTrust(let trust) = detail.result else {
            Issue.record("no get_trust result after the reload")
            return
        }
        #expect(trust.trust.name.hasSuffix("RELOADED"))

        // And back: the original snapshot's answers again, not the reloaded one's.
        store.replace(with: Shared.snapshot)
        for call in calls {
            Self.expectSameBytes(call, service: service)
            let answer = try ProtobufCodec.decodeResponse(
                service.respondEncoded(to: Request(id: 1, call: call)).serializedBytes())
            #expect(answer.dataVersion == Shared.snapshot.version)
        }
    }

    /// Copies the embedded dataset to `directory` with one trust renamed ("… RELOADED").
    static func writeDataset(to directory: URL, renaming name: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in try fm.contentsOfDirectory(atPath: EmbeddedDataset.directory.path) where file.hasSuffix(".csv") {
            var text = try String(contentsOf: EmbeddedDataset.directory.appendingPathComponent(file), encoding: .utf8)
            if file == "trusts.csv" { text = text.replacingOccurrences(of: name, with: "\(name) RELOADED") }
            try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
    }
}
