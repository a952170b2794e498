import LeagueTLS
import NIOCore
import NIOSSL

extension ClientTLSConfiguration {
    /// The TLS context for one `connect`, from the configured files.
    func makeContext() throws(LeagueClientError) -> NIOSSLContext {
        do throws(TLSFileError) {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            if let trustedCAPath {
                configuration.trustRoots = .certificates(try PEMFiles.certificates(at: trustedCAPath, what: "TLS CA"))
            }
            switch (certificatePath, privateKeyPath) {
            case (let certificatePath?, let privateKeyPath?):
                let chain = try PEMFiles.certificates(at: certificatePath, what: "TLS client certificate")
                configuration.certificateChain = chain.map { .certificate($0) }
                configuration.privateKey = .privateKey(
                    try PEMFiles.privateKey(at: privateKeyPath, what: "TLS client key"))
            case (nil, nil):
                break
            default:
                throw TLSFileError(.mismatch, "a TLS client certificate and its key must be given together")
            }
            return try PEMFiles.context(configuration, describing: "the TLS client certificate and key")
        } catch {
            throw LeagueClientError(.tls, error.message, cause: error.cause)
        }
    }

    /// The name to verify and send as SNI: `serverName`, else `host` unless it is an IP
    /// address (SNI cannot carry one; NIOSSL then checks the certificate's IP entries).
    func verifiedName(host: String) -> String? {
        if let serverName { return serverName }
        return (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}
