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
    /// How long to keep accepting after readiness turns to draining (operations).
    private let shutdownDelay: Duration

    /// - Parameters:
    ///   - readiness: marked draining as soon as graceful shutdown begins.
    ///   - shutdownDelay: after that, keep serving (and accepting) this long before the
    ///     listener closes, so a load balancer polling `/readyz` stops routing here first.
    ///   - onStarted: called with "host:port" once the socket is bound.
    public init(
        server: LeagueServer, logger: Logger, readiness: Readiness? = nil, shutdownDelay: Duration = .zero,
        onStarted: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.server = server
        self.logger = logger
        self.readiness = readiness
        self.shutdownDelay = shutdownDelay
        self.onStarted = onStarted
    }

    public func run() async throws {
        let address = try await server.start()
        onStarted("\(address.ipAddress ?? server.configuration.host):\(address.port ?? server.configuration.port)")
        // Returns on graceful shutdown; throws CancellationError on cancellation,
        // in which case we still drain.
        try? await gracefulShutdown()
        readiness?.markDraining()  // operations
        if shutdownDelay > .zero {
            logger.info("draining: not ready; still serving", metadata: ["shutdown_delay": "\(shutdownDelay)"])
            try? await Task.sleep(for: shutdownDelay)
        }
        logger.info("shutting down: no new connections; draining open ones")
        try await server.shutdownGracefully()
        logger.info("shutdown complete")
    }
}
