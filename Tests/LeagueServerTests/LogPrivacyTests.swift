import Foundation
import LeagueClient
import LeagueCore
import LeagueServer
import LeagueService
import LeagueWire
import Logging
import Synchronization
import Testing

/// Patients type postcodes and names: at info or above a postcode may appear only as its
/// outcode and a free-text query never in full. Requests that succeed, fail, and break
/// the framing go through a real server whose logs are captured at every level.
@Suite("Log privacy")
struct LogPrivacyTests {
    /// Full postcodes (as typed and normalised) and queries that must never be logged at
    /// info or above.
    static let secrets = [
        "SW1A 1AA", "SW1A1AA", "sw1a 1aa", "LS1 4AP", "LS14AP", "ZZ9 9ZZ", "ZZ99ZZ",
        "moorfields eye hospital city road", "st thomas hospital westminster", "qqqq zzzz nothing",
    ]

    @Test("nearest and find_trusts requests log no full postcode or query at info or above")
    func requestsLogNoPostcodeOrQuery() async throws {
        let logs = CapturedLogs()
        let service = LeagueService(
            snapshot: SharedSnapshot.value, serverVersion: "test", logger: logs.logger("nhs-league.service"))
        let server = LeagueServer(
            configuration: ServerConfiguration(host: "127.0.0.1", port: 0), service: service,
            logger: logs.logger("nhs-league.server"))
        let port = try #require(try await server.start().port)
        do {
            let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            var codes: [StatusCode] = []
            for postcode in ["SW1A 1AA", "sw1a 1aa", "LS1 4AP", "ZZ9 9ZZ"] {
                codes.append(try await client.send(.nearest(NearestRequest(postcode: postcode, limit: 3))).status.code)
            }
            for query in ["moorfields eye hospital city road", "st thomas hospital westminster", "qqqq zzzz nothing"] {
                codes.append(try await client.send(.findTrusts(FindTrustsRequest(query: query))).status.code)
            }
            // A malformed body and a broken frame carrying a postcode.
            let raw = try await RawConnection.connect(port: port)
            try await raw.send(raw: RawConnection.frame([0x6A, 0x08] + Array("SW1A 1AA".utf8)))
            _ = await raw.receive(1)
            try await raw.send(raw: [0x80] + Array("LS1 4AP".utf8))
            try await raw.waitUntilClosed()
            await client.close()
            // Both outcomes were exercised: found and not found.
            #expect(codes.contains(.ok))
            #expect(codes.contains(.notFound))
        }
        try await server.shutdownGracefully()

        // The capture works: failures were logged at debug, and the server's lifecycle at info.
        #expect(logs.atLeast(.debug).contains { $0.level == .debug && $0.text.contains("call failed") })
        let loud = logs.atLeast(.info)
        for entry in loud {
            for secret in Self.secrets {
                #expect(!entry.text.localizedCaseInsensitiveContains(secret), "logged at \(entry.level): \(entry.text)")
            }
        }
    }

    @Test("a failed reload is logged for the operator, and its answer names no file")
    func reloadFailureKeepsPathsOutOfAnswers() async throws {
        let logs = CapturedLogs()
        let service = LeagueService(
            snapshot: SharedSnapshot.value, serverVersion: "test", logger: logs.logger("nhs-league.service"))
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("nhs-league-missing-\(UUID())")
        do {
            try await service.reload(from: missing)
            Issue.record("a reload of a missing directory succeeded")
        } catch {
            let answer = service.errorResponse(id: 3, for: error)
            #expect(answer.status.code == .failedPrecondition)
            #expect(!revealsPath(answer.status.message), "answer reveals a path: \(answer.status.message)")
            #expect(!answer.status.message.contains(missing.lastPathComponent))
        }
        // The operator still learns which directory failed.
        #expect(logs.atLeast(.warning).contains { $0.text.contains(missing.lastPathComponent) })
    }
}

/// Whether `text` names a file: an absolute or relative path (`/tmp/x`, `./data`, `~/d`) or a
/// data file's name. ("Q1 2026/27" has a slash but is no path.)
func revealsPath(_ text: String) -> Bool {
    text.contains(#/(^|[\s"'(:=])(/|\./|\.\./|~/)[A-Za-z0-9._-]/#) || text.contains(".csv") || text.contains(".json")
}
