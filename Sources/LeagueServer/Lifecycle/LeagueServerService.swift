import LeagueService
import Logging
import ServiceLifecycle

/// Runs a `LeagueServer` under swift-service-lifecycle: starts it, waits for the
/// graceful-shutdown signal (SIGINT/SIGTERM via the `ServiceGroup`), then stops
/// accepting and drains open connections before returning.
public struct LeagueServerService: Service {
    public let server: LeagueServer
    private let logger: Logger
    private let onStarted: @Sendable (String) -> Void
    /// Told when draining begins, so health checks take this replica out first (operations).
    private let readiness: Readiness?

    /// - Parameters:
    ///   - readiness: marked draining as soon as graceful shutdown begins.
    ///   - onStarted: called with "host:port" once the socket is bound.
    public init(
        server: LeagueServer, logger: Logger, readiness: Readiness? = nil,
        onStarted: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.server = server
        self.logger = logger
        self.readiness = readiness
        self.onStarted = onStarted
    }

    public func run() async throws {
        let address = try await server.start()
        onStarted("\(address.ipAddress ?? server.configuration.host):\(address.port ?? server.configuration.port)")
        // Returns on graceful shutdown; throws CancellationError on cancellation,
        // in which case we still drain.
        try? await gracefulShutdown()
        readiness?.markDraining()  // operations
        logger.info("shutting down: no new connections; draining open ones")
        try await server.shutdownGracefully()
        logger.info("shutdown complete")
    }
}
