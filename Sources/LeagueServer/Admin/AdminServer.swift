import LeagueService
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// The optional admin listener: a small HTTP/1.1 server for `/metrics`, `/healthz` and
/// `/readyz`. It runs on its own single-thread event loop group, so scrapes and probes
/// never sit on the event loops that carry the nhs-league protocol.
///
/// As a swift-service-lifecycle `Service` it stays up until graceful shutdown reaches it;
/// listed first in the `ServiceGroup`, it is stopped last, so `/readyz` keeps reporting
/// "draining" while the protocol listener drains.
public struct AdminServer: Service {
    public let host: String
    public let port: Int
    private let routes: AdminRoutes
    private let logger: Logger
    private let onStarted: @Sendable (String) -> Void

    /// - Parameters:
    ///   - readiness: what `/readyz` reports.
    ///   - metricsText: renders the metrics (the executable passes its Prometheus registry's
    ///     text), so this library depends on no metrics backend.
    ///   - onStarted: called with "host:port" once bound (useful with port 0).
    public init(
        host: String, port: Int, readiness: Readiness, logger: Logger,
        metricsText: @escaping @Sendable () -> String,
        onStarted: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.routes = AdminRoutes(readiness: readiness, metricsText: metricsText)
        self.logger = logger
        self.onStarted = onStarted
    }

    public func run() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let routes = self.routes
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                        try pipeline.addHandler(AdminHTTPHandler(routes: routes))
                    }
                }
                .bind(host: host, port: port).get()
            let address = channel.localAddress
            let bound = "\(address?.ipAddress ?? host):\(address?.port ?? port)"
            logger.info("admin listener up: /metrics /healthz /readyz", metadata: ["address": "\(bound)"])
            onStarted(bound)
            try? await gracefulShutdown()
            try? await channel.close()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }
}
