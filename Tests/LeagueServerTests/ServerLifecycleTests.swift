import LeagueClient
import LeagueServer
import Testing

@Suite("Server lifecycle")
struct ServerLifecycleTests {
    static func makeServer(port: Int = 0) -> LeagueServer {
        LeagueServer(configuration: ServerConfiguration(port: port), service: SharedService.value, logger: testLogger)
    }

    @Test(
        "starting a server twice throws alreadyStarted, while running and after stopping; the first start keeps serving"
    )
    func startTwice() async throws {
        let server = Self.makeServer()
        let port = try #require(try await server.start().port)
        let second = await #expect(throws: ServerError.self) { try await server.start() }
        #expect(second?.code == .alreadyStarted)
        #expect(second?.message.isEmpty == false)

        let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
        #expect(try await client.serverInfo().dataVersion == SharedService.value.currentDataVersion)
        await client.close()

        try await server.shutdownGracefully()
        let afterStop = await #expect(throws: ServerError.self) { try await server.start() }
        #expect(afterStop?.code == .alreadyStarted)
    }

    @Test("two concurrent starts: exactly one binds, the other throws alreadyStarted")
    func concurrentStarts() async throws {
        let server = Self.makeServer()
        let outcomes = await withTaskGroup(of: ServerError.Code?.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    do {
                        try await server.start()
                        return nil
                    } catch let error as ServerError {
                        return error.code
                    } catch {
                        Issue.record("unexpected \(error)")
                        return nil
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.contains(ServerError.Code.alreadyStarted))
        try await server.shutdownGracefully()
    }

    @Test("a failed bind is bindFailed, and the server may try again")
    func bindFailedCanRetry() async throws {
        let holder = Self.makeServer()
        let port = try #require(try await holder.start().port)
        let server = Self.makeServer(port: port)
        for _ in 0..<2 {
            let error = await #expect(throws: ServerError.self) { try await server.start() }
            #expect(error?.code == .bindFailed)
        }
        try await holder.shutdownGracefully()
    }
}
