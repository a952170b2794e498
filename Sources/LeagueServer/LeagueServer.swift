import LeagueService
import LeagueWire
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL
import Synchronization

/// The nhs-league TCP transport: binds, frames, decodes, hands each request to a
/// `LeagueService`, writes its answer, and shuts down gracefully (stop accepting, let
/// every connection write the answers it owes, then close).
///
/// Data is loaded and indexed before `start()` (the service already holds a snapshot),
/// so the first connection is served at full speed. A server starts once: a second
/// `start()` throws `ServerError` with code `alreadyStarted`.
public final class LeagueServer: Sendable {
    private enum State {
        case idle
        /// Binding; a concurrent second `start()` must fail, not bind again.
        case starting
        case running(serverChannel: any Channel, quiesce: ServerQuiescingHelper)
        case stopped
    }

    public let configuration: ServerConfiguration
    /// Answers every request; the server only carries them.
    public let service: LeagueService
    private let group: any EventLoopGroup
    private let logger: Logger
    private let state = Mutex<State>(.idle)
    /// What gRPC health reports (issue 13): the same `Readiness` as the admin listener's `/readyz`.
    private let readiness: Readiness

    /// - Parameters:
    ///   - configuration: where to listen and the request limits.
    ///   - service: answers each decoded request.
    ///   - group: the event loops; defaults to NIO's shared singleton group.
    ///   - logger: the library never bootstraps logging; the executable does.
    ///   - readiness: what gRPC health reports; nil = a fresh one, marked loaded (the service
    ///     already holds a snapshot). `shutdownGracefully()` marks it draining.
    public init(
        configuration: ServerConfiguration = ServerConfiguration(),
        service: LeagueService,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "nhs-league.server"),
        readiness: Readiness? = nil
    ) {
        self.configuration = configuration
        self.service = service
        self.group = group
        self.logger = logger
        self.readiness =
            readiness
            ?? {
                let readiness = Readiness()
                readiness.markLoaded()
                return readiness
            }()
    }

    /// Binds and starts accepting connections. Returns the bound address (useful with port 0).
    /// - Throws: `ServerError` `.alreadyStarted` when this server was started before (even if
    ///   it has since stopped), `.bindFailed` when the address cannot be bound (the server
    ///   can then be started again), `.tlsInvalid` when TLS is configured with files that
    ///   cannot be used (checked before binding).
    @discardableResult
    public func start() async throws(ServerError) -> SocketAddress {
        try state.withLock { state throws(ServerError) in
            guard case .idle = state else {
                throw ServerError(
                    .alreadyStarted, "this server was already started; create a new LeagueServer to listen again")
            }
            state = .starting
        }
        let configuration = self.configuration
        // TLS (issue 14): files are read and checked now, before binding, and once for all connections.
        let tlsContext: NIOSSLContext?
        do throws(ServerError) {
            tlsContext = try configuration.tls?.makeContext()
        } catch {
            state.withLock { $0 = .idle }
            throw error
        }
        let quiesce = ServerQuiescingHelper(group: group)
        let service = self.service
        let logger = self.logger
        let router = GRPCRouter(
            service: service, readiness: readiness, maxRequestBytes: configuration.maxRequestBytes,
            maxResponseBytes: configuration.grpcMaxResponseBytes,
            maxBufferedResponseBytes: configuration.maxBufferedResponseBytes,
            requestTimeout: configuration.frameTimeout > .zero ? configuration.frameTimeout : nil,
            drainTimeout: configuration.drainTimeout)
        let connections = ConnectionLimiter(limit: configuration.maxConnections)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: configuration.backlog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            // A client that half-closes still gets the answers it is owed.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelOption(
                .writeBufferWaterMark,
                value: .init(
                    low: max(1, configuration.maxBufferedResponseBytes / 2),
                    high: max(2, configuration.maxBufferedResponseBytes))
            )
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // MARK: TLS (issue 14): decrypt first; everything after sees plaintext (a
                    // refusal at the connection limit too: NIOSSL holds it until the handshake ends).
                    if let tlsContext {
                        try channel.pipeline.syncOperations.addHandlers(
                            NIOSSLServerHandler(context: tlsContext), TLSHandshakeLogger(logger: logger))
                    }
                    // MARK: limits (issue 14): past the connection limit, one answer and close.
                    guard connections.acquire() else {
                        try channel.pipeline.syncOperations.addHandler(
                            ConnectionRefuser(answer: service.errorResponse(for: Limit.atConnectionLimit)))
                        return
                    }
                    channel.closeFuture.whenComplete { _ in connections.release() }
                    if configuration.idleTimeout > .zero {
                        // Reads only: each protocol's handler closes on this event only when it
                        // owes nothing, which makes it "nothing heard and nothing owed". Watching
                        // writes too (`allTimeout`) would hang a promise and a callback on every
                        // write: 14 k instructions per gRPC call (four writes), 1.8 k per framed
                        // GetTrust (BENCHMARKS.md). The difference: a client that stops reading
                        // after its last answer is counted idle from its last request, not from
                        // when that answer's write completed.
                        try channel.pipeline.syncOperations.addHandler(
                            IdleStateHandler(readTimeout: TimeAmount(configuration.idleTimeout)))
                    }
                    // MARK: gRPC (issue 13): one port, two protocols, told apart by the first byte.
                    try channel.pipeline.syncOperations.addHandler(
                        ProtocolSniffer(
                            framing: { pipeline in
                                if configuration.frameTimeout > .zero {
                                    try pipeline.addHandler(FrameDeadlineHandler(timeout: configuration.frameTimeout))
                                }
                                try pipeline.addHandler(
                                    ByteToMessageHandler(FrameDecoder(maxMessageLength: configuration.maxRequestBytes)))
                                // No frame encoder: RequestHandler writes framed answers (performance).
                                try pipeline.addHandler(
                                    RequestHandler(
                                        service: service, logger: logger,
                                        drainTimeout: TimeAmount(configuration.drainTimeout),
                                        maxRequestsInFlight: configuration.maxRequestsInFlight))
                            },
                            grpc: { pipeline in try GRPCTransport.install(on: pipeline, router: router, logger: logger)
                            },
                            goingAway: { pipeline in
                                try pipeline.addHandler(
                                    ConnectionRefuser(answer: service.goingAwayNotice(lastAnsweredID: 0), limit: nil))
                            }
                        ))
                }
            }

        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch {
            state.withLock { $0 = .idle }
            throw ServerError(.bindFailed, "cannot listen on \(configuration.host):\(configuration.port)", cause: error)
        }
        guard let address = channel.localAddress else {
            state.withLock { $0 = .idle }
            try? await channel.close()
            throw ServerError(.bindFailed, "bound socket has no local address")
        }
        let stoppedMeanwhile = state.withLock { state in
            guard case .starting = state else { return true }
            state = .running(serverChannel: channel, quiesce: quiesce)
            return false
        }
        if stoppedMeanwhile {
            // `shutdownGracefully()` ran while binding: honour it rather than serve.
            try? await channel.close()
            throw ServerError(.stopped, "the server was shut down while it was starting")
        }
        return address
    }

    /// The bound address while running.
    public var localAddress: SocketAddress? {
        state.withLock { state in
            if case .running(let channel, _) = state { return channel.localAddress }
            return nil
        }
    }

    /// Stops accepting, lets every open connection flush the answers it owes, closes
    /// them, and returns when all are closed. Safe to call more than once.
    public func shutdownGracefully() async throws {
        let quiesce: ServerQuiescingHelper? = state.withLock { state in
            defer { state = .stopped }
            if case .running(_, let quiesce) = state { return quiesce }
            return nil
        }
        guard let quiesce else { return }
        readiness.markDraining()
        let promise = group.next().makePromise(of: Void.self)
        quiesce.initiateShutdown(promise: promise)
        try await promise.futureResult.get()
    }
}
