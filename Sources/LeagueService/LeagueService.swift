import Foundation
import LeagueCore
import LeagueWire
import Logging

/// Answers nhs-league requests: from the `Request` value to the `Response` value, with no
/// transport in sight. It owns the current snapshot (and swaps it on reload), validates
/// each request's input, asks the core, and reports every failure as a status on the
/// response, never as a thrown error.
///
/// A transport (the NIO TCP server today, gRPC later) only moves bytes: it decodes a
/// request, calls `respond(to:receivedAt:)`, and encodes what comes back. Answering is
/// in-memory work on an immutable snapshot, measured in microseconds, so it is safe to
/// call from an event loop.
///
/// Each request reads the snapshot once, so an answer never mixes two datasets even when
/// a reload lands while it is being computed.
public struct LeagueService: Sendable {
    /// The snapshot every request is answered from.
    public let store: SnapshotStore<LeagueSnapshot>
    /// This server's version, reported by `server_info`.
    public let serverVersion: String
    let logger: Logger
    /// Encoded answers of the current snapshot (see `respondEncoded(to:receivedAt:)`).
    let answers: AnswerCache

    /// - Parameters:
    ///   - snapshot: the loaded, validated dataset to answer from.
    ///   - serverVersion: reported by `server_info`.
    ///   - logger: failures are logged at debug, without the query text (patients type
    ///     postcodes and names).
    public init(snapshot: LeagueSnapshot, serverVersion: String, logger: Logger = Logger(label: "nhs-league.service")) {
        self.init(store: SnapshotStore(snapshot), serverVersion: serverVersion, logger: logger)
    }

    /// A service over an existing store (several services, or a test, can share one).
    ///   - answerCacheBytes: the bound on cached FindTrusts and LeagueTable answers
    ///     (answers about one trust, and ServerInfo, are bounded by the dataset).
    public init(
        store: SnapshotStore<LeagueSnapshot>, serverVersion: String,
        logger: Logger = Logger(label: "nhs-league.service"),
        answerCacheBytes: Int = LeagueService.defaultAnswerCacheBytes
    ) {
        self.store = store
        self.serverVersion = serverVersion
        self.logger = logger
        self.answers = AnswerCache(requestBudgetBytes: answerCacheBytes)
    }

    /// 8 MiB: every FindTrusts answer of the search evaluation set fits (538 queries,
    /// 13.7 kB each on average), within the server's 64 MiB RSS target.
    public static let defaultAnswerCacheBytes = 8 << 20

    /// The data version answers are stamped with right now.
    public var currentDataVersion: String { store.current.version }

    /// The answer to `request`, always carrying `request.id`.
    ///
    /// - Parameters:
    ///   - receivedAt: when the request arrived; a request with a deadline that has passed by
    ///     the time its answer is ready gets DEADLINE_EXCEEDED instead of the answer.
    ///   - timeAllowed: the time the caller allows from `receivedAt`, when its transport
    ///     carries a deadline of its own (gRPC's `grpc-timeout`, to the nanosecond);
    ///     nil takes the request's `deadline_ms` (0: no deadline).
    public func respond(
        to request: Request, receivedAt: ContinuousClock.Instant = .now, timeAllowed: Duration? = nil
    ) -> Response {
        let snapshot = store.current
        do {
            let result = try answer(request.call, from: snapshot)
            try Self.checkDeadline(timeAllowed ?? request.timeAllowed, receivedAt: receivedAt)
            return Response(id: request.id, status: .ok, dataVersion: snapshot.version, result: result)
        } catch {
            return failure(error, answering: request, from: snapshot)
        }
    }

    /// Throws DEADLINE_EXCEEDED when more than `timeAllowed` has passed since `receivedAt`.
    static func checkDeadline(_ timeAllowed: Duration?, receivedAt: ContinuousClock.Instant) throws {
        if let timeAllowed, ContinuousClock.now - receivedAt > timeAllowed {
            throw DeadlineExceeded(timeAllowed: timeAllowed)
        }
    }

    /// The answer reporting why `request` failed (logged at debug).
    func failure(_ error: any Error, answering request: Request, from snapshot: LeagueSnapshot) -> Response {
        let status = Self.status(for: error)
        // Never the query itself: only which call failed and how.
        logger.debug(
            "call failed",
            metadata: ["request_id": "\(request.id)", "call": "\(request.call.name)", "code": "\(status.code)"])
        if Self.isAboutServerData(error) {
            // The answer leaves the files out; the operator needs them (no request text here).
            logger.warning("answer failed on the server's data", metadata: ["error": "\(error)"])
        }
        return Response(id: request.id, status: status, dataVersion: snapshot.version)
    }

    /// The answer reporting `error` for request `id` (0 for a problem with the connection or
    /// a message that could not be read, which belongs to no request).
    public func errorResponse(id: UInt64 = 0, for error: any Error) -> Response {
        Response(id: id, status: Self.status(for: error), dataVersion: currentDataVersion)
    }

    /// Loads, validates and indexes `directory` off the caller's thread, then swaps it in.
    /// On failure the previous snapshot keeps being served and a `ServiceError` says why.
    /// - Returns: the new data version.
    @discardableResult
    public func reload(from directory: URL) async throws(ServiceError) -> String {
        let snapshot: LeagueSnapshot
        let started = ContinuousClock.now
        do {
            snapshot = try await Task.detached(priority: .utility) {
                try LeagueSnapshot.load(from: directory)
            }.value
        } catch {
            ServiceMetrics.recordReload(outcome: "failed")  // operations
            logger.warning("reload failed; still serving the previous dataset", metadata: ["error": "\(error)"])
            throw ServiceError(
                .reloadFailed, "reload of \(directory.path) failed; the previous dataset is still served", cause: error)
        }
        let previous = store.replace(with: snapshot).version
        answers.reset(for: snapshot)
        // The previous snapshot is gone unless a request in flight still reads it: give its
        // pages back to the system, or glibc keeps them and RSS ratchets up with each reload.
        ReleaseFreedMemory.now()
        let version = snapshot.version
        // MARK: operations
        ServiceMetrics.recordReload(outcome: previous == version ? "unchanged" : "ok")
        ServiceMetrics.recordDataset(snapshot, loadDuration: ContinuousClock.now - started)
        if previous == version {
            logger.info("reloaded: data unchanged", metadata: ["data_version": "\(version)"])
        } else {
            logger.info("reloaded: new dataset", metadata: ["data_version": "\(version)", "previous": "\(previous)"])
        }
        return version
    }
}
