import LeagueClient
import LeagueService
import LeagueWire
import NIOCore
import Testing

@testable import LeagueServer

/// Each limit (issue 14) tripped by one client on a real server (127.0.0.1, port 0, small
/// limits), while another client is answered correctly at the same time.
@Suite("Limits")
struct LimitsTests {
    static func configuration(_ change: (inout ServerConfiguration) -> Void) -> ServerConfiguration {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        change(&configuration)
        return configuration
    }

    static func tableRequest(id: Int, limit: UInt32) -> [UInt8] {
        var request = LeagueTableRequest()
        request.table = .acute
        request.limit = limit
        return RawConnection.frame(ProtobufCodec.encode(Request(id: UInt64(id), call: .leagueTable(request))))
    }

    static func infoRequest(id: Int) -> [UInt8] {
        RawConnection.frame(ProtobufCodec.encode(Request(id: UInt64(id), call: .serverInfo)))
    }

    /// The other client: answered correctly while a limit trips elsewhere.
    static func expectAnswered(_ client: LeagueClient) async throws {
        #expect(try await client.getTrust("RP6").trust.odsCode == "RP6")
    }

    @Test("past the connection limit a new connection gets id-0 UNAVAILABLE and is closed", .timeLimit(.minutes(1)))
    func connectionLimit() async throws {
        try await withTestServer(configuration: Self.configuration { $0.maxConnections = 2 }) { port, _ in
            let other = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            try await Self.expectAnswered(other)
            let second = try await RawConnection.connect(port: port)
            try await second.send(raw: Self.infoRequest(id: 1))
            #expect(await second.receive(1).first?.status.code == .ok)

            let refused = try await RawConnection.connect(port: port)
            let answer = try #require(await refused.receive(1).first)
            #expect(answer.id == 0)
            #expect(answer.status.code == .unavailable)
            #expect(answer.status.message == "server at its connection limit")
            try await refused.waitUntilClosed()
            try await Self.expectAnswered(other)

            // The refused connection took no place; a closed one gives its place back.
            await second.close()
            #expect(try await Self.servedAgain(port: port))
            await other.close()
        }
    }

    /// Whether a new connection is answered within 100 tries: the server releases a closed
    /// connection's place on its own event loop, a moment after the client sees the close.
    static func servedAgain(port: Int) async throws -> Bool {
        for _ in 0..<100 {
            let next = try await RawConnection.connect(port: port)
            try? await next.send(raw: Self.infoRequest(id: 2))
            let served = await next.receive(1).first?.status.code == .ok
            await next.close()
            if served { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test(
        "a client that closes before sending a byte is closed by the server and gives its place back",
        .timeLimit(.minutes(1)))
    func closedBeforeSending() async throws {
        try await withTestServer(configuration: Self.configuration { $0.maxConnections = 1 }) { port, _ in
            // No protocol was chosen yet, so only the protocol sniffer sees the half-close;
            // the server kept such connections open (CLOSE_WAIT) until the idle timeout.
            let silent = try await RawConnection.connect(port: port)
            try await silent.finishSending()
            try await silent.waitUntilClosed()
            #expect(try await Self.servedAgain(port: port))
        }
    }

    @Test(
        "past the in-flight limit a request gets RESOURCE_EXHAUSTED with its own id; the connection goes on",
        .timeLimit(.minutes(1)))
    func requestsInFlight() async throws {
        let configuration = Self.configuration {
            $0.maxRequestsInFlight = 4
            // Answers stop being taken at once after a few KiB, so requests queue in one read batch.
            $0.maxBufferedResponseBytes = 4 * 1024
        }
        try await withTestServer(configuration: configuration) { port, _ in
            let other = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            let greedy = try await RawConnection.connect(port: port)
            // 200 requests in one small write arrive in one read batch.
            try await greedy.send(raw: (1...200).flatMap { Self.tableRequest(id: $0, limit: 20) })
            try await Self.expectAnswered(other)
            let answers = await greedy.receive(200)
            #expect(answers.map(\.id).sorted() == (1...200).map(UInt64.init))
            let refused = answers.filter { $0.status.code == .resourceExhausted }
            #expect(!refused.isEmpty, "the limit never tripped")
            #expect(refused.allSatisfy { $0.status.message.contains("more than 4 requests in flight") })
            #expect(answers.allSatisfy { $0.status.code == .ok || $0.status.code == .resourceExhausted })
            // Still usable.
            try await greedy.send(raw: Self.infoRequest(id: 201))
            #expect(await greedy.receive(1).first.map { ($0.id, $0.status.code) } ?? (0, .unknown) == (201, .ok))
            try await Self.expectAnswered(other)
            await greedy.close()
            await other.close()
        }
    }

    @Test("an idle connection is closed after the idle timeout; a busy one is not", .timeLimit(.minutes(1)))
    func idleTimeout() async throws {
        try await withTestServer(configuration: Self.configuration { $0.idleTimeout = .seconds(3) }) { port, _ in
            let idle = try await RawConnection.connect(port: port)
            try await idle.send(raw: Self.infoRequest(id: 1))
            #expect(await idle.receive(1).first?.status.code == .ok)
            let silent = try await RawConnection.connect(port: port)  // never sends a byte
            let busy = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            // The busy client keeps asking (bounded) until both idle connections are closed.
            let asking = Task {
                var asked = 0
                while !Task.isCancelled, asked < 1_000 {
                    try await Self.expectAnswered(busy)
                    asked += 1
                    try? await Task.sleep(for: .milliseconds(20))
                }
                return asked
            }
            try await idle.waitUntilClosed()
            try await silent.waitUntilClosed()
            asking.cancel()
            #expect(try await asking.value > 0)
            try await Self.expectAnswered(busy)
            await busy.close()
        }
    }

    @Test("a frame that begins and never ends gets id-0 DEADLINE_EXCEEDED and a close", .timeLimit(.minutes(1)))
    func frameTimeout() async throws {
        try await withTestServer(configuration: Self.configuration { $0.frameTimeout = .seconds(1) }) { port, _ in
            let other = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            let slow = try await RawConnection.connect(port: port)
            // One whole request, then three bytes of the next header, then nothing.
            try await slow.send(raw: Self.infoRequest(id: 1) + [0, 0, 0])
            try await Self.expectAnswered(other)
            let answers = await slow.receive(2)
            #expect(answers.map(\.id) == [1, 0])
            #expect(answers.last?.status.code == .deadlineExceeded)
            #expect(answers.last?.status.message.contains("not complete within 1 seconds") == true)
            try await slow.waitUntilClosed()
            try await Self.expectAnswered(other)
            await other.close()
        }
    }
}
