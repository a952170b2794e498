/// TLS for a client connection (issue 14): which servers to trust, and the certificate
/// to present to a server that requires one (mutual TLS).
///
/// Files are PEM and are read when `LeagueClient.connect` is called; a missing or
/// malformed one throws `LeagueClientError` `.tls` before any connection is made.
public struct ClientTLSConfiguration: Sendable, Hashable {
    /// CA certificates to trust for the server's certificate. nil = the system's trust store.
    public var trustedCAPath: String?
    /// The client's own certificate chain (leaf first), for servers that require one.
    /// Needs `privateKeyPath`.
    public var certificatePath: String?
    /// The unencrypted private key of `certificatePath`.
    public var privateKeyPath: String?
    /// The name the server's certificate must carry, also sent as SNI. nil = the host
    /// connected to (an IP address is then matched against the certificate's IP entries).
    public var serverName: String?

    public init(
        trustedCAPath: String? = nil, certificatePath: String? = nil, privateKeyPath: String? = nil,
        serverName: String? = nil
    ) {
        self.trustedCAPath = trustedCAPath
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.serverName = serverName
    }
}
