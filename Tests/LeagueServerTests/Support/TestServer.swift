import Foundation
import LeagueCore
import LeagueData
import LeagueServer
import LeagueService
import Logging

/// The embedded dataset, loaded once for all server tests (it is immutable).
enum SharedSnapshot {
    static let value: LeagueSnapshot = {
        do {
            return try LeagueSnapshot.load(from: EmbeddedDataset.directory)
        } catch {
            fatalError("the embedded dataset must load: \(error)")
        }
    }()
}

/// A service over the shared snapshot, for tests that need no reload.
enum SharedService {
    static let value = LeagueService(snapshot: SharedSnapshot.value, serverVersion: "test", logger: testLogger)
}

/// Starts a real server on 127.0.0.1, port 0, runs `body` with its port, then shuts
/// it down gracefully (and fails the test if shutdown fails).
func withTestServer<T>(
    configuration: ServerConfiguration = ServerConfiguration(host: "127.0.0.1", port: 0),
    logger: Logger = testLogger,
    _ body: (_ port: Int, _ store: SnapshotStore<LeagueSnapshot>) async throws -> T
) async throws -> T {
    let store = SnapshotStore(SharedSnapshot.value)
    let service = LeagueService(store: store, serverVersion: "test", logger: testLogger)
    let server = LeagueServer(configuration: configuration, service: service, logger: logger)
    let address = try await server.start()
    guard let port = address.port else { fatalError("no port") }
    do {
        let value = try await body(port, store)
        try await server.shutdownGracefully()
        return value
    } catch {
        try? await server.shutdownGracefully()
        throw error
    }
}

/// Tests log nowhere: failures speak through expectations.
let testLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
