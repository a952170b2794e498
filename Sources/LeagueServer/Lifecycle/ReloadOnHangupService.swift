import Foundation
import LeagueService
import ServiceLifecycle
import UnixSignals

/// Reloads the dataset directory into the service on every SIGHUP until graceful shutdown.
/// A failed reload keeps the previous dataset (the service logs why).
///
/// Signals that arrive while a reload runs are coalesced into one more reload, started
/// after the current one: it reads the files as they are after the last signal, which is
/// all any of those signals asked for. Without this, a burst of SIGHUPs (a script, or
/// chaos testing at one per 100 ms) queued one full load per signal, and a server could
/// spend minutes reloading after the burst ended.
public struct ReloadOnHangupService: Service {
    public let service: LeagueService
    public let directory: URL

    public init(service: LeagueService, directory: URL) {
        self.service = service
        self.directory = directory
    }

    public func run() async throws {
        // At most one reload waits while another runs.
        let (pending, requests) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
                    requests.yield()
                }
                requests.finish()
            }
            group.addTask { [service, directory] in
                for await _ in pending.cancelOnGracefulShutdown() {
                    _ = try? await service.reload(from: directory)
                }
            }
        }
    }
}
