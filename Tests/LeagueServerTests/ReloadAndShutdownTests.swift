import Foundation
import LeagueClient
import LeagueCore
import LeagueData
import LeagueServer
import LeagueService
import LeagueWire
import Logging
import Testing

@Suite("Hot reload and graceful shutdown")
struct ReloadAndShutdownTests {
    /// Copies the embedded dataset to a temp dir; `variant` rewrites Moorfields' name so
    /// two snapshots differ in content (and so in data_version) in a checkable way.
    static func writeDataset(to directory: URL, variant: Bool) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: EmbeddedDataset.directory.path) where name.hasSuffix(".csv") {
            let source = EmbeddedDataset.directory.appendingPathComponent(name)
            let target = directory.appendingPathComponent(name)
            var text = try String(contentsOf: source, encoding: .utf8)
            if variant, name == "trusts.csv" {
                text = text.replacingOccurrences(
                    of: "Moorfields Eye Hospital NHS Foundation Trust",
                    with: "Moorfields Eye Hospital NHS Foundation Trust RELOADED")
            }
            try? fm.removeItem(at: target)
            try text.write(to: target, atomically: true, encoding: .utf8)
        }
    }

    @Test("reloading in a loop while a client sends requests: no failed or mixed answers")
    func reloadUnderLoad() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nhs-league-reload-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.writeDataset(to: directory, variant: false)
        let original = try LeagueSnapshot.load(from: directory)
        let service = LeagueService(snapshot: original, serverVersion: "test", logger: testLogger)
        let server = LeagueServer(configuration: ServerConfiguration(port: 0), service: service, logger: testLogger)
        let port = try #require(try await server.start().port)
        let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)

        let reloads = 4
        let versions = try await withThrowingTaskGroup(of: [String].self) { group in
            group.addTask {
                var seen: [String] = []
                for round in 0..<reloads {
                    try Self.writeDataset(to: directory, variant: round % 2 == 0)
                    seen.append(try await service.reload(from: directory))
                }
                return seen
            }
            group.addTask {
                var answered = 0
                while !Task.isCancelled, answered < 100_000 {
                    let response = try await client.send(.getTrust(GetTrustRequest(odsCode: "RP6")))
                    #expect(response.status.code == .ok)
                    guard case .getTrust(let detail) = response.result else {
                        Issue.record("no result")
                        break
                    }
                    // One answer, one snapshot: the name must belong to the version stamped on it.
                    let reloaded = detail.trust.name.hasSuffix("RELOADED")
                    #expect(reloaded == (response.dataVersion != original.version))
                    answered += 1
                }
                #expect(answered > 0)
                return []
            }
            let seen = try await group.next() ?? []
            group.cancelAll()
            try await group.waitForAll()
            return seen
        }
        // Variant, original, variant, original: versions alternate and return to the original.
        #expect(versions.count == reloads)
        #expect(versions[0] != original.version)
        #expect(versions[1] == original.version)
        #expect(versions[2] == versions[0])
        await client.close()
        try await server.shutdownGracefully()
    }

    @Test("a failed reload keeps serving the previous snapshot")
    func failedReloadKeepsOld() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nhs-league-badreload-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.writeDataset(to: directory, variant: false)
        let service = LeagueService(
            snapshot: try LeagueSnapshot.load(from: directory), serverVersion: "test", logger: testLogger)
        let before = service.currentDataVersion
        // Corrupt one file: a ranking for an ODS code no trust has.
        let rankings = directory.appendingPathComponent("rankings.csv")
        var lines = try String(contentsOf: rankings, encoding: .utf8).components(separatedBy: "\n")
        lines[1] = lines[1].replacingOccurrences(of: ",acute,134,RP6,", with: ",acute,134,ZZZ9,")
        try lines.joined(separator: "\n").write(to: rankings, atomically: true, encoding: .utf8)
        let error = await #expect(throws: ServiceError.self) { try await service.reload(from: directory) }
        #expect(error?.code == .reloadFailed)
        #expect(service.currentDataVersion == before)
    }

    @Test("graceful shutdown answers what was asked, then stops accepting")
    func gracefulShutdown() async throws {
        let server = LeagueServer(
            configuration: ServerConfiguration(port: 0), service: SharedService.value, logger: testLogger)
        let port = try #require(try await server.start().port)
        let connection = try await RawConnection.connect(port: port)
        var bytes: [UInt8] = []
        for id in 1...50 {
            bytes += RawConnection.frame(
                ProtobufCodec.encode(Request(id: UInt64(id), call: .getTrust(GetTrustRequest(odsCode: "RAJ")))))
        }
        try await connection.send(raw: bytes)
        let answers = await connection.receive(50)
        #expect(answers.count == 50)
        try await server.shutdownGracefully()
        try await connection.waitUntilClosed()
        await #expect(throws: (any Error).self) { _ = try await RawConnection.connect(port: port) }
    }
}

@Suite("Back-pressure, half-close and draining")
struct ConnectionEndingTests {
    static func tableRequest(id: Int, limit: UInt32) -> [UInt8] {
        var request = LeagueTableRequest()
        request.table = .acute
        request.limit = limit
        return RawConnection.frame(ProtobufCodec.encode(Request(id: UInt64(id), call: .leagueTable(request))))
    }

    @Test(
        "a client that stops reading is held back without losing answers, and others are served meanwhile",
        .timeLimit(.minutes(2)))
    func backPressure() async throws {
        try await withTestServer { port, _ in
            // ~150 answers of ~220 KB: far more than the socket buffers hold.
            let slow = try await RawConnection.connect(port: port, reading: false)
            try await slow.send(raw: (1...150).flatMap { Self.tableRequest(id: $0, limit: 50) })
            let other = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            for _ in 0..<20 {
                #expect(try await other.getTrust("RP6").trust.odsCode == "RP6")
            }
            try await slow.startReading()
            let answers = await slow.receive(150)
            #expect(Set(answers.map(\.id)) == Set((1...150).map(UInt64.init)))
            #expect(answers.allSatisfy { $0.status.code == .ok })
            await other.close()
            await slow.close()
        }
    }

    @Test("a client that half-closes after pipelining still gets every answer", .timeLimit(.minutes(1)))
    func halfClose() async throws {
        // A generous drain timeout: this test is about answers not being dropped, not speed.
        let configuration = ServerConfiguration(host: "127.0.0.1", port: 0, drainTimeout: .seconds(120))
        try await withTestServer(configuration: configuration) { port, _ in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send(raw: (1...20).flatMap { Self.tableRequest(id: $0, limit: 100) })
            try await connection.finishSending()
            let answers = await connection.receive(20)
            #expect(Set(answers.map(\.id)) == Set((1...20).map(UInt64.init)))
            try await connection.waitUntilClosed()
        }
    }

    static func startServer(drainTimeout: Duration) async throws -> (LeagueServer, Int) {
        let server = LeagueServer(
            configuration: ServerConfiguration(port: 0, drainTimeout: drainTimeout),
            service: SharedService.value, logger: testLogger)
        let port = try #require(try await server.start().port)
        return (server, port)
    }

    @Test("graceful shutdown answers every request already received before closing", .timeLimit(.minutes(1)))
    func shutdownDrains() async throws {
        let (server, port) = try await Self.startServer(drainTimeout: .seconds(50))
        let client = try await RawConnection.connect(port: port)
        // 30 requests in one small write arrive in one read; their ~27 MB of answers take a
        // while to write, so most are still owed when the shutdown starts.
        try await client.send(raw: (1...30).flatMap { Self.tableRequest(id: $0, limit: 200) })
        var answers = await client.receive(1)  // the server has read the batch
        async let shutdown: Void = server.shutdownGracefully()
        answers += await client.receive(30)  // 29 answers and the going-away notice (id 0)
        #expect(Set(answers.map(\.id)) == Set((0...30).map(UInt64.init)))
        try await shutdown
        try await client.waitUntilClosed()
        await #expect(throws: (any Error).self) { _ = try await RawConnection.connect(port: port) }
    }

    @Test("graceful shutdown cuts off a client that never reads, after the drain timeout", .timeLimit(.minutes(1)))
    func shutdownCutsOffStuckClient() async throws {
        let (server, port) = try await Self.startServer(drainTimeout: .seconds(2))
        let stuck = try await RawConnection.connect(port: port, reading: false)
        try await stuck.send(raw: (1...30).flatMap { Self.tableRequest(id: $0, limit: 200) })
        // Returns although `stuck` never reads: its connection is closed after the drain timeout.
        try await server.shutdownGracefully()
        try await stuck.startReading()  // only a reading client notices the close
        try await stuck.waitUntilClosed()
        #expect(await stuck.receive(30).count < 30)
    }
}
