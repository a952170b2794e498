/// TLS for the service port (issue 14). Off unless `ServerConfiguration.tls` is set.
///
/// With TLS on, every connection is encrypted and the port still serves both protocols:
/// the nhs-league framing and gRPC (HTTP/2, offered to clients through ALPN `h2`) are told
/// apart on the decrypted bytes. Clients that send no ALPN are accepted. The admin
/// listener (`/metrics`, `/healthz`, `/readyz`) is not covered: it stays plaintext.
///
/// The files are PEM and are read once, when the server starts (before it binds); a
/// missing or malformed file makes `LeagueServer.start()` throw `ServerError`
/// `.tlsInvalid`. Encrypted private keys are not supported.
public struct ServerTLSConfiguration: Sendable, Hashable {
    /// The server's certificate chain: leaf first, then any intermediates.
    public var certificatePath: String
    /// The private key of the leaf certificate.
    public var privateKeyPath: String
    /// Mutual TLS: when set, every client must present a certificate issued by one of the
    /// CAs in this PEM file, or its handshake is refused. Default nil (no client certificates).
    public var clientCAPath: String?

    public init(certificatePath: String, privateKeyPath: String, clientCAPath: String? = nil) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.clientCAPath = clientCAPath
    }
}
