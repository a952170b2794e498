import LeagueWire
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// An async client for the nhs-league protocol over one TCP connection.
///
/// Calls may be made concurrently from many tasks: they are pipelined on the one
/// connection and answers are matched by request id.
///
/// ```swift
/// let client = try await LeagueClient.connect(host: "127.0.0.1", port: 7411)
/// defer { Task { await client.close() } }
/// let detail = try await client.getTrust("RP6")
/// ```
public final class LeagueClient: Sendable {
    private let channel: any Channel
    private let nextID = Atomic<UInt64>(1)
    /// Timeout applied to each call unless one is given.
    public let defaultTimeout: Duration

    private let breakage: ConnectionBreakage

    private init(channel: any Channel, defaultTimeout: Duration, breakage: ConnectionBreakage) {
        self.channel = channel
        self.breakage = breakage
        self.defaultTimeout = defaultTimeout
    }

    /// Opens a connection.
    /// - Parameters:
    ///   - maxResponseBytes: a response frame announcing more is refused before it is buffered.
    ///   - connectTimeout: how long to wait for the TCP connection.
    ///   - callTimeout: default time to wait for each answer.
    ///   - tls: encrypt the connection (issue 14); nil = plaintext. With TLS, `connect`
    ///     returns once the handshake has finished, and throws `.tls` when it fails.
    public static func connect(
        host: String,
        port: Int,
        connectTimeout: Duration = .seconds(5),
        callTimeout: Duration = .seconds(10),
        maxResponseBytes: Int = Framing.defaultClientMaxMessageLength,
        tls: ClientTLSConfiguration? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(LeagueClientError) -> LeagueClient {
        let tlsContext = try tls?.makeContext()
        let serverName = tls?.verifiedName(host: host)
        let breakage = ConnectionBreakage()
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tlsContext {
                        try pipeline.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: serverName))
                        try pipeline.addHandler(TLSHandshakeWaiter(eventLoop: channel.eventLoop))
                    }
                    try pipeline.addHandler(ByteToMessageHandler(FrameDecoder(maxMessageLength: maxResponseBytes)))
                    try pipeline.addHandler(MessageToByteHandler(FrameEncoder()))
                    try pipeline.addHandler(ResponseMatchingHandler(breakage: breakage))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            throw LeagueClientError(
                .unreachable, "cannot connect to nhs-league server at \(host):\(port)", cause: error)
        }
        if tlsContext != nil {
            do {
                try await channel.eventLoop.flatSubmit {
                    do {
                        return try channel.pipeline.syncOperations.handler(type: TLSHandshakeWaiter.self).done
                    } catch {
                        return channel.eventLoop.makeFailedFuture(error)
                    }
                }.get()
            } catch {
                try? await channel.close()
                throw LeagueClientError(
                    .tls, "TLS handshake with the nhs-league server at \(host):\(port) failed", cause: error)
            }
        }
        return LeagueClient(channel: channel, defaultTimeout: callTimeout, breakage: breakage)
    }

    /// Sends one call and returns the server's whole `Response`, whatever its status.
    /// Throws only when no answer arrives (timeout, closed connection, undecodable bytes).
    public func send(_ call: Call, deadlineMs: UInt32 = 0, timeout: Duration? = nil) async throws(LeagueClientError)
        -> Response
    {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await send(Request(id: id, deadlineMs: deadlineMs, call: call), timeout: timeout)
    }

    /// Sends a request with an id the caller chose (for tools that must control ids, such
    /// as conformance runs). Don't mix with `send(_ call:)` on one client: its ids start at 1.
    public func send(_ request: Request, timeout: Duration? = nil) async throws(LeagueClientError) -> Response {
        let promise = channel.eventLoop.makePromise(of: Response.self)
        let pending = PendingCall(
            request: request, promise: promise,
            timeout: TimeAmount(timeout ?? defaultTimeout))
        let breakage = self.breakage
        channel.writeAndFlush(pending).whenFailure { error in
            promise.fail(
                breakage.error(or: LeagueClientError(.connectionClosed, "could not send the request", cause: error)))
        }
        do {
            return try await promise.futureResult.get()
        } catch let error as LeagueClientError {
            throw error
        } catch {
            throw LeagueClientError(.connectionClosed, "no answer", cause: error)
        }
    }

    /// Sends one call; returns its result, or throws `.server(code)` for a non-OK status.
    public func call(_ call: Call, timeout: Duration? = nil) async throws(LeagueClientError) -> CallResult {
        let response = try await send(call, timeout: timeout)
        guard response.status.code == .ok else {
            throw LeagueClientError(.server(response.status.code), response.status.message)
        }
        return response.result
    }

    /// Closes the connection.
    public func close() async {
        try? await channel.close()
    }
}

// MARK: - One method per call

extension LeagueClient {
    /// Server version, dataset version and coverage; also a health check.
    public func serverInfo() async throws(LeagueClientError) -> ServerInfo {
        guard case .serverInfo(let value) = try await call(.serverInfo) else { throw Self.mismatch("server_info") }
        return value
    }

    /// One trust by ODS code (case-insensitive).
    public func getTrust(_ odsCode: String) async throws(LeagueClientError) -> TrustDetail {
        guard case .getTrust(let value) = try await call(.getTrust(GetTrustRequest(odsCode: odsCode))) else {
            throw Self.mismatch("get_trust")
        }
        return value
    }

    /// Trusts matching free text (names, hospitals, abbreviations).
    public func findTrusts(_ query: String, limit: UInt32 = 0) async throws(LeagueClientError) -> FindTrustsResult {
        guard case .findTrusts(let value) = try await call(.findTrusts(FindTrustsRequest(query: query, limit: limit)))
        else { throw Self.mismatch("find_trusts") }
        return value
    }

    /// The trusts nearest a postcode or coordinates.
    public func nearest(_ request: NearestRequest) async throws(LeagueClientError) -> NearestResult {
        guard case .nearest(let value) = try await call(.nearest(request)) else { throw Self.mismatch("nearest") }
        return value
    }

    /// Improvement actions recorded for a trust.
    public func listActions(_ odsCode: String) async throws(LeagueClientError) -> ListActionsResult {
        guard case .listActions(let value) = try await call(.listActions(ListActionsRequest(odsCode: odsCode))) else {
            throw Self.mismatch("list_actions")
        }
        return value
    }

    /// One page of a league table.
    public func leagueTable(_ request: LeagueTableRequest) async throws(LeagueClientError) -> LeagueTableResult {
        guard case .leagueTable(let value) = try await call(.leagueTable(request)) else {
            throw Self.mismatch("league_table")
        }
        return value
    }

    /// Every quarter's ranking of a trust, oldest first.
    public func trustHistory(_ odsCode: String) async throws(LeagueClientError) -> TrustHistoryResult {
        guard case .trustHistory(let value) = try await call(.trustHistory(TrustHistoryRequest(odsCode: odsCode)))
        else {
            throw Self.mismatch("trust_history")
        }
        return value
    }

    /// Every metric of a trust in one quarter ("" = its latest with metric data), by domain.
    public func trustMetrics(_ odsCode: String, quarter: String = "") async throws(LeagueClientError)
        -> TrustMetricsResult
    {
        var request = TrustMetricsRequest()
        request.odsCode = odsCode
        request.quarter = quarter
        guard case .trustMetrics(let value) = try await call(.trustMetrics(request)) else {
            throw Self.mismatch("trust_metrics")
        }
        return value
    }

    /// One metric's league (metric named by id or by words).
    public func metricTable(_ request: MetricTableRequest) async throws(LeagueClientError) -> MetricTableResult {
        guard case .metricTable(let value) = try await call(.metricTable(request)) else {
            throw Self.mismatch("metric_table")
        }
        return value
    }

    /// The metric catalogue, optionally for one table and/or quarter.
    public func listMetrics(_ request: ListMetricsRequest = ListMetricsRequest()) async throws(LeagueClientError)
        -> ListMetricsResult
    {
        guard case .listMetrics(let value) = try await call(.listMetrics(request)) else {
            throw Self.mismatch("list_metrics")
        }
        return value
    }

    private static func mismatch(_ call: String) -> LeagueClientError {
        LeagueClientError(.protocolError, "the server answered \(call) with a different result type")
    }
}
