/// How a `LeagueServer` listens and what it accepts. Every field has a
/// documented default, so `ServerConfiguration()` is a working local server.
public struct ServerConfiguration: Sendable, Hashable {
    /// The default TCP port of the nhs-league protocol.
    public static let defaultPort = 7411

    /// Address to bind. Default `127.0.0.1` (local only); use `0.0.0.0` to serve a network.
    public var host: String
    /// Port to bind. Default 7411; 0 asks the OS for a free port (see `LeagueServer.localAddress`).
    public var port: Int
    /// Largest request frame body accepted, in bytes. A frame header announcing more is
    /// refused before its body is read: the connection gets an id-0 RESOURCE_EXHAUSTED
    /// response and is closed. Default 64 KiB - every valid request is far smaller.
    public var maxRequestBytes: Int
    /// Most requests answered per connection before the server stops reading from it
    /// while the client does not read its answers (write back-pressure). Default 1024.
    public var maxPendingResponsesPerConnection: Int
    /// Accept backlog. Default 256.
    public var backlog: Int32

    public init(
        host: String = "127.0.0.1",
        port: Int = ServerConfiguration.defaultPort,
        maxRequestBytes: Int = 64 * 1024,
        maxPendingResponsesPerConnection: Int = 1024,
        backlog: Int32 = 256
    ) {
        self.host = host
        self.port = port
        self.maxRequestBytes = maxRequestBytes
        self.maxPendingResponsesPerConnection = maxPendingResponsesPerConnection
        self.backlog = backlog
    }
}
