import Foundation
import LeagueCore
import Logging
import ServiceLifecycle
import UnixSignals

/// Re-reads a dataset directory and swaps it in, keeping the old snapshot on failure.
///
/// Loading, validation and indexing run on a Swift concurrency task, never on an
/// event loop, so connections keep being served from the old snapshot meanwhile.
public struct SnapshotReloader: Sendable {
    public let directory: URL
    public let store: SnapshotStore<LeagueSnapshot>
    private let logger: Logger

    public init(directory: URL, store: SnapshotStore<LeagueSnapshot>, logger: Logger) {
        self.directory = directory
        self.store = store
        self.logger = logger
    }

    /// Loads and swaps. Returns the new data version, or throws (old snapshot kept).
    @discardableResult
    public func reload() async throws -> String {
        let directory = self.directory
        let snapshot: LeagueSnapshot
        do {
            snapshot = try await Task.detached(priority: .utility) {
                try LeagueSnapshot.load(from: directory)
            }.value
        } catch {
            logger.error("reload failed; still serving the previous dataset", metadata: ["error": "\(error)"])
            throw ServerError(
                .reloadFailed, "reload of \(directory.path) failed; the previous dataset is still served", cause: error)
        }
        let previous = store.replace(with: snapshot)
        let version = snapshot.version
        if previous.version == version {
            logger.info("reloaded: data unchanged", metadata: ["data_version": "\(version)"])
        } else {
            logger.info(
                "reloaded: new dataset", metadata: ["data_version": "\(version)", "previous": "\(previous.version)"])
        }
        return version
    }
}

/// Reloads the dataset on every SIGHUP until graceful shutdown.
public struct ReloadOnHangupService: Service {
    public let reloader: SnapshotReloader

    public init(reloader: SnapshotReloader) {
        self.reloader = reloader
    }

    public func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            _ = try? await reloader.reload()
        }
    }
}
