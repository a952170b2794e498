import ArgumentParser
import Foundation
import LeagueCore
import LeagueServer
import LeagueService
import Logging
import ServiceLifecycle

/// Serve (the default subcommand).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the dataset (the default when no subcommand is given).",
        discussion: """
            Every option can also be set from the environment as NHS_LEAGUE_<OPTION> (for example \
            NHS_LEAGUE_PORT=7500, NHS_LEAGUE_ADMIN_ADDRESS=127.0.0.1:9090) or in a config file \
            (--config FILE or NHS_LEAGUE_CONFIG) of `option-name = value` lines. \
            Precedence: flag > environment > file > default.
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free port and prints it.")
    var port = ServerConfiguration.defaultPort

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @Option(help: "Largest request frame accepted, in bytes (1 to 16777216).")
    var maxRequestBytes = ServerConfiguration.defaultMaxRequestBytes

    @Option(help: "Seconds a closing connection may take to read the answers it is owed.")
    var drainTimeout: Double = 10

    // MARK: limits (issue 14)
    @Option(help: "Most connections open at once; past it a new connection is told so (UNAVAILABLE) and closed.")
    var maxConnections = ServerConfiguration().maxConnections

    @Option(
        help: "Most requests waiting for an answer on one connection; past it a request gets RESOURCE_EXHAUSTED.")
    var maxRequestsInFlight = ServerConfiguration().maxRequestsInFlight

    @Option(help: "Seconds after which a connection with nothing in flight and no traffic is closed; 0 = never.")
    var idleTimeout: Double = 300

    @Option(help: "Seconds a frame that has begun to arrive may take to complete (slowloris); 0 = no deadline.")
    var frameTimeout: Double = 10

    // MARK: operations
    @OptionGroup(title: "Operations") var operations: OperationsOptions

    // MARK: TLS (issue 14)
    @OptionGroup(title: "TLS") var tlsOptions: TLSOptions

    func validate() throws {
        guard (1...16 * 1024 * 1024).contains(maxRequestBytes) else {
            throw ValidationError("--max-request-bytes must be 1 to 16777216")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard drainTimeout.isFinite, drainTimeout > 0, drainTimeout <= 3600 else {
            throw ValidationError("--drain-timeout must be more than 0 and at most 3600 seconds")
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard maxRequestsInFlight >= 1 else { throw ValidationError("--max-requests-in-flight must be at least 1") }
        for (name, value) in [("--idle-timeout", idleTimeout), ("--frame-timeout", frameTimeout)] {
            guard value.isFinite, (0...86_400).contains(value) else {
                throw ValidationError("\(name) must be 0 (off) to 86400 seconds")
            }
        }
    }

    /// The limits (issue 14) as configured.
    func applyLimits(to configuration: inout ServerConfiguration) {
        configuration.maxConnections = maxConnections
        configuration.maxRequestsInFlight = maxRequestsInFlight
        configuration.idleTimeout = .seconds(idleTimeout)
        configuration.frameTimeout = .seconds(frameTimeout)
    }

    func run() async throws {
        // SIGHUP means "reload" from the start: ignore it while the first load runs (its
        // default action would kill the process); the reload service handles it afterwards.
        signal(SIGHUP, SIG_IGN)
        LogSetup.bootstrap(format: operations.logFormat, level: logLevel)
        let logger = Logger(label: "nhs-league.server")
        // MARK: operations: metrics backend only when someone can scrape it
        let registry = operations.adminAddress.map { _ in MetricsBootstrap.prometheus() }
        let readiness = Readiness()
        let directory = dataOptions.directory
        let tls = try tlsOptions.checkedConfiguration()  // TLS (issue 14): before the slow load

        // Load and index everything before binding, so the first request is served at full speed.
        let (leagueService, datasetMetadata) = try Self.loadService(from: directory, logger: logger)
        readiness.markLoaded()  // operations

        let drain = Duration.seconds(drainTimeout)
        var configuration = ServerConfiguration(
            host: host, port: port, maxRequestBytes: maxRequestBytes, drainTimeout: drain)
        configuration.tls = tls
        applyLimits(to: &configuration)
        let server = LeagueServer(
            configuration: configuration, service: leagueService, logger: logger, readiness: readiness)
        let service = LeagueServerService(
            server: server, logger: logger, readiness: readiness, shutdownDelay: operations.shutdownDelayDuration
        ) { address in
            logger.info(
                "nhs-league-server listening",
                metadata: datasetMetadata.merging(["address": "\(address)", "tls": "\(tlsOptions.mode)"]) { $1 })
            // Also on stdout, so scripts (and tests using --port 0) can read the address.
            FileHandle.standardOutput.write(Data("nhs-league-server listening on \(address)\n".utf8))
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: service),
            .init(service: ReloadOnHangupService(service: leagueService, directory: directory)),
        ]
        // MARK: operations: the admin listener is listed first, so it stops last and
        // `/readyz` says "draining" for as long as connections drain.
        if let admin = operations.adminAddress, let registry {
            let adminServer = AdminServer(
                host: admin.host, port: admin.port, readiness: readiness, logger: logger,
                metricsText: { registry.emitToString() },
                onStarted: { address in
                    FileHandle.standardOutput.write(Data("nhs-league-server admin on \(address)\n".utf8))
                })
            services.insert(.init(service: adminServer), at: 0)
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // Connections drain within `drain`; past that (and a margin) shutdown is forced.
        groupConfiguration.maximumGracefulShutdownDuration = drain + operations.shutdownDelayDuration + .seconds(5)
        try await ServiceGroup(configuration: groupConfiguration).run()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
