import LeagueTLS
import NIOSSL

extension ServerTLSConfiguration {
    /// ALPN protocols offered: gRPC clients require `h2`; our framing clients send none.
    static let applicationProtocols = ["h2"]

    /// Reads the files and builds the TLS context every connection shares.
    /// - Throws: `ServerError` `.tlsInvalid` naming the file at fault.
    public func validate() throws(ServerError) {
        _ = try makeContext()
    }

    func makeContext() throws(ServerError) -> NIOSSLContext {
        do throws(TLSFileError) {
            let chain = try PEMFiles.certificates(at: certificatePath, what: "--tls-cert")
            let key = try PEMFiles.privateKey(at: privateKeyPath, what: "--tls-key")
            var configuration: TLSConfiguration
            if let clientCAPath {
                let roots = try PEMFiles.certificates(at: clientCAPath, what: "--tls-client-ca")
                configuration = .makeServerConfigurationWithMTLS(
                    certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key),
                    trustRoots: .certificates(roots))
                // Tell clients which CAs are accepted, so one holding several certificates picks right.
                configuration.sendCANameList = true
            } else {
                configuration = .makeServerConfiguration(
                    certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            }
            configuration.minimumTLSVersion = .tlsv12
            configuration.applicationProtocols = Self.applicationProtocols
            return try PEMFiles.context(
                configuration, describing: "--tls-cert \(certificatePath) and --tls-key \(privateKeyPath)")
        } catch {
            throw ServerError(.tlsInvalid, error.message, cause: error.cause)
        }
    }
}
