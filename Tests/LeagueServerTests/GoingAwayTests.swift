import LeagueClient
import LeagueService
import LeagueWire
import Testing

@testable import LeagueServer

/// Graceful shutdown with requests in flight (issue 14): each open framing connection gets
/// an id-0 UNAVAILABLE going-away notice naming the last request id it will still answer,
/// every request received is answered, and the Swift client reports the rest as `.goingAway`.
@Suite("Going away")
struct GoingAwayTests {
    static func startServer() async throws -> (LeagueServer, Int) {
        let server = LeagueServer(
            configuration: ServerConfiguration(port: 0, drainTimeout: .seconds(50)),
            service: SharedService.value, logger: testLogger)
        let port = try #require(try await server.start().port)
        return (server, port)
    }

    @Test("the notice names the last id; every request received is answered", .timeLimit(.minutes(1)))
    func noticeAndDrain() async throws {
        let (server, port) = try await Self.startServer()
        let client = try await RawConnection.connect(port: port)
        // 30 requests in one small write arrive in one read; their ~27 MB of answers take a
        // while to write, so most are still owed when the shutdown starts.
        try await client.send(raw: (1...30).flatMap { LimitsTests.tableRequest(id: $0, limit: 200) })
        var answers = await client.receive(1)  // the server has read the batch
        async let shutdown: Void = server.shutdownGracefully()
        answers += await client.receive(30)  // 29 answers and the notice
        let notice = try #require(answers.first { $0.id == 0 })
        #expect(notice.status.code == .unavailable)
        #expect(notice.status.message == "server going away; requests up to id 30 will be answered")
        #expect(GoingAway.isNotice(notice))
        #expect(GoingAway.lastAnsweredID(in: notice.status.message) == 30)
        let answered = answers.filter { $0.id != 0 }
        #expect(answered.map(\.id).sorted() == (1...30).map(UInt64.init))
        #expect(answered.allSatisfy { $0.status.code == .ok })
        try await shutdown
        try await client.waitUntilClosed()
    }

    @Test(
        "requests sent after the notice are left unread without the close losing an answer (no reset)",
        .timeLimit(.minutes(1)))
    func requestsAfterNotice() async throws {
        let (server, port) = try await Self.startServer()
        let client = try await RawConnection.connect(port: port)
        try await client.send(raw: (1...30).flatMap { LimitsTests.tableRequest(id: $0, limit: 200) })
        var answers = await client.receive(1)
        async let shutdown: Void = server.shutdownGracefully()
        // The shutdown reaches the connection's event loop when it does: requests sent before
        // the notice may still be read (and would be named in it). So wait for the notice (it
        // overtakes the queued answers) and only then send: these are never read, so still
        // unread when the server closes, and the close must not reset away any answer.
        while !answers.contains(where: GoingAway.isNotice) {
            let next = await client.receive(1)
            try #require(next.count == 1, "the connection closed before the going-away notice")
            answers += next
        }
        let notice = try #require(answers.first(where: GoingAway.isNotice))
        #expect(GoingAway.lastAnsweredID(in: notice.status.message) == 30)
        // On a slow machine the server may have written every answer and closed before this
        // task runs again: then the send fails, and the answers below are still what counts.
        try? await client.send(raw: (31...40).flatMap { LimitsTests.infoRequest(id: $0) })
        if answers.count < 31 { answers += await client.receive(31 - answers.count) }
        #expect(answers.filter { $0.id != 0 }.map(\.id).sorted() == (1...30).map(UInt64.init))
        try await shutdown
        try await client.waitUntilClosed()
    }

    @Test("the Swift client: calls in flight are answered, later ones fail as .goingAway (retryable)")
    func swiftClient() async throws {
        let (server, port) = try await Self.startServer()
        let client = try await LeagueClient.connect(host: "127.0.0.1", port: port, callTimeout: .seconds(50))
        let request = {
            var request = LeagueTableRequest()
            request.table = .acute
            request.limit = 200
            return request
        }()
        let calls = (1...20).map { _ in Task { try await client.leagueTable(request) } }
        _ = try await calls[0].value  // the server is answering
        try await server.shutdownGracefully()
        var answered = 0
        for call in calls {
            do {
                _ = try await call.value
                answered += 1
            } catch let error as LeagueClientError {
                // Sent after the last request the server read: not answered, but retryable.
                #expect(error.code == .goingAway)
            }
        }
        #expect(answered >= 1)
        do {
            _ = try await client.serverInfo()
            Issue.record("a call after the notice was answered")
        } catch {
            #expect(error.code == .goingAway)
            #expect(error.isRetryable)
            #expect(error.message.contains("server going away"))
        }
        await client.close()
    }
}
