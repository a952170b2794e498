import ArgumentParser
import Foundation
import LeagueCore
import LeagueService
import Logging

extension ServeCommand {
    /// Loads and indexes the dataset in `directory` and returns the service over it, with
    /// what the "listening" line says about the dataset.
    ///
    /// A function of its own so that nothing in `run()` refers to the first snapshot: `run()`
    /// lasts as long as the server, and its locals and the listening closure's captures
    /// (which held `snapshot` and `snapshot.dataset`) kept the startup dataset alive after a
    /// reload had replaced it: about 26 MiB of heap for the process's whole life (heaptrack:
    /// live heap 28 MiB before a reload, 54 MiB after any number of them).
    /// Exits with status 1 when the dataset is invalid.
    static func loadService(from directory: URL, logger: Logger) throws -> (LeagueService, Logger.Metadata) {
        let started = ContinuousClock.now
        let snapshot: LeagueSnapshot
        do {
            snapshot = try LeagueSnapshot.load(from: directory)
        } catch {
            FileHandle.standardError.write(
                Data(
                    "nhs-league-server: refusing to start: the dataset in \(directory.path) is invalid\n\(error)\n".utf8
                ))
            throw ExitCode(1)
        }
        let loadTime = ContinuousClock.now - started
        // Loading parses every CSV row and builds the indexes: tens of MiB of temporaries that
        // glibc would keep mapped for the process's whole life. Give them back before serving.
        ReleaseFreedMemory.now()
        ServiceMetrics.recordDataset(snapshot, loadDuration: loadTime)  // operations
        let dataset = snapshot.dataset
        let metadata: Logger.Metadata = [
            "data_version": "\(snapshot.version)",
            "trusts": "\(dataset.trusts.count)", "rankings": "\(dataset.rankings.count)",
            "quarters": "\(dataset.quarters.map(\.label).joined(separator: ", "))",
            "load_ms":
                "\(loadTime.components.seconds * 1000 + loadTime.components.attoseconds / 1_000_000_000_000_000)",
        ]
        return (LeagueService(snapshot: snapshot, serverVersion: ServerVersion.current, logger: logger), metadata)
    }
}
