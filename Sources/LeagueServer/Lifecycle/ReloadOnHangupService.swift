import Foundation
import LeagueService
import ServiceLifecycle
import UnixSignals

/// Reloads the dataset directory into the service on every SIGHUP until graceful shutdown.
/// A failed reload keeps the previous dataset (the service logs why).
public struct ReloadOnHangupService: Service {
    public let service: LeagueService
    public let directory: URL

    public init(service: LeagueService, directory: URL) {
        self.service = service
        self.directory = directory
    }

    public func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            _ = try? await service.reload(from: directory)
        }
    }
}
