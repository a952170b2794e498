import Foundation
import LeagueClient
import LeagueWire
import Testing

/// The limit flags and the going-away notice through the real `nhs-league-server` binary:
/// the flags reach the server, trips are counted in `/metrics`, and SIGTERM sends the notice.
@Suite("Limits and going away (server binary)")
struct LimitsBinaryTests {
    @Test(
        "--max-connections 1 refuses a second connection, counts it; SIGTERM sends the notice", .timeLimit(.minutes(6)))
    func connectionLimitAndSigterm() async throws {
        let server = try ServerProcess([
            "--port", "0", "--admin-address", "127.0.0.1:0", "--max-connections", "1",
        ])
        let port = try await server.port(after: "nhs-league-server listening on")
        let admin = try await server.port(after: "nhs-league-server admin on")
        let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
        #expect(try await client.getTrust("RP6").trust.odsCode == "RP6")

        let refused = try await RawConnection.connect(port: port)
        let answer = await refused.receive(1).first
        #expect(answer?.id == 0)
        #expect(answer?.status.code == .unavailable)
        #expect(answer?.status.message == "server at its connection limit")
        try await refused.waitUntilClosed()
        #expect(try await client.getTrust("RP6").trust.odsCode == "RP6")
        let metrics = try await httpGet(port: admin, path: "/metrics").body
        #expect(OperationsBinaryTests.sample(metrics, "nhs_league_limits_tripped_total", ["limit": "connections"]) == 1)

        kill(server.pid, SIGTERM)
        // The notice arrives; then this connection takes no new calls.
        var error: LeagueClientError?
        for _ in 0..<500 where error == nil {
            do {
                _ = try await client.serverInfo()
            } catch let caught {
                error = caught
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(error?.code == .goingAway)
        #expect(error?.isRetryable == true)
        #expect(error?.message.hasPrefix("server going away; requests up to id ") == true)
        await client.close()
        #expect(server.waitForExit() == 0)
    }
}
