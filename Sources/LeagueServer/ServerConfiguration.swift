import LeagueWire

/// How a `LeagueServer` listens and what it accepts. Every field has a
/// documented default, so `ServerConfiguration()` is a working local server.
public struct ServerConfiguration: Sendable, Hashable {
    /// The default TCP port of the nhs-league protocol.
    public static let defaultPort = 7411
    /// The default largest request frame body: the wire's own default (64 KiB).
    public static let defaultMaxRequestBytes = Framing.defaultServerMaxMessageLength

    /// Address to bind. Default `127.0.0.1` (local only); use `0.0.0.0` to serve a network.
    public var host: String
    /// Port to bind. Default 7411; 0 asks the OS for a free port (see `LeagueServer.localAddress`).
    public var port: Int
    /// Largest request frame body accepted, in bytes. A frame header announcing more is
    /// refused before its body is read: the connection gets an id-0 RESOURCE_EXHAUSTED
    /// response and is closed. Default 64 KiB - every valid request is far smaller.
    public var maxRequestBytes: Int
    /// Write back-pressure: once this many bytes of answers wait for a client that is not
    /// reading them, the server stops reading that client's requests until they drain (gRPC:
    /// that connection's new calls wait, unanswered, until they drain). Default 1 MiB.
    public var maxBufferedResponseBytes: Int
    /// Accept backlog. Default 256.
    public var backlog: Int32
    /// When a connection ends (the client half-closes, or the server shuts down
    /// gracefully) its received requests are answered first; a client that does not read
    /// them is cut off after this long. Default 10 seconds.
    public var drainTimeout: Duration

    // MARK: gRPC (issue 13)
    /// Largest gRPC response message sent: a bigger answer becomes RESOURCE_EXHAUSTED.
    /// Default 4 MiB, the receive limit stock gRPC clients apply by default. (gRPC requests
    /// are limited by `maxRequestBytes`, like frames.)
    public var grpcMaxResponseBytes: Int = 4 * 1024 * 1024

    // MARK: TLS (issue 14)
    /// Encrypts the service port (and optionally requires client certificates). Default nil:
    /// plaintext. See `ServerTLSConfiguration`.
    public var tls: ServerTLSConfiguration? = nil
    // MARK: limits (issue 14): one misbehaving client must not cost the others their answers.
    /// Most connections open at once (both protocols). Past it a new connection gets an
    /// id-0 UNAVAILABLE answer ("server at its connection limit") and is closed. Default
    /// 10,000: well under the usual 65,536 file descriptors, far above any real fleet of clients.
    public var maxConnections: Int = 10_000
    /// Most requests received on one framing connection and not yet answered (they wait
    /// only while the client is not reading its answers). A request past it gets
    /// RESOURCE_EXHAUSTED with its own id; the connection stays usable. Default 1,024.
    public var maxRequestsInFlight: Int = 1_024
    /// A connection that has received nothing for this long and owes no answer is closed
    /// (one still owed answers is checked again after as long). Default 300 seconds; `.zero`
    /// turns it off.
    public var idleTimeout: Duration = .seconds(300)
    /// A frame whose first byte has arrived must be complete within this long, or the
    /// connection gets an id-0 DEADLINE_EXCEEDED answer and is closed (slowloris). Default
    /// 10 seconds; `.zero` turns it off. Time the server itself holds reads back
    /// (back-pressure) does not count. gRPC: a unary call whose request is not complete
    /// (END_STREAM) within this long gets DEADLINE_EXCEEDED; the connection goes on.
    public var frameTimeout: Duration = .seconds(10)

    public init(
        host: String = "127.0.0.1",
        port: Int = ServerConfiguration.defaultPort,
        maxRequestBytes: Int = ServerConfiguration.defaultMaxRequestBytes,
        maxBufferedResponseBytes: Int = 1024 * 1024,
        backlog: Int32 = 256,
        drainTimeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.maxRequestBytes = maxRequestBytes
        self.maxBufferedResponseBytes = maxBufferedResponseBytes
        self.backlog = backlog
        self.drainTimeout = drainTimeout
    }
}
