import ArgumentParser
import Foundation
import LeagueServer

/// TLS flags of `serve` (issue 14). Like every flag they can also come from
/// NHS_LEAGUE_TLS_CERT, ... or the config file.
struct TLSOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "PEM certificate chain (leaf first) to serve TLS on the service port; needs --tls-key. The admin listener stays plaintext.",
            valueName: "path"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("PEM private key (unencrypted) of --tls-cert.", valueName: "path"))
    var tlsKey: String?

    @Option(
        help: ArgumentHelp(
            "PEM CA certificates for mutual TLS: every client must present a certificate they issued.",
            valueName: "path"))
    var tlsClientCa: String?

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key must be given together")
        }
        if tlsClientCa != nil, tlsCert == nil {
            throw ValidationError("--tls-client-ca needs --tls-cert and --tls-key (mutual TLS is TLS)")
        }
    }

    /// The server's TLS settings, nil when TLS is off.
    var configuration: ServerTLSConfiguration? {
        guard let tlsCert, let tlsKey else { return nil }
        return ServerTLSConfiguration(certificatePath: tlsCert, privateKeyPath: tlsKey, clientCAPath: tlsClientCa)
    }

    /// Reads and checks the files now, so a bad path or PEM stops the start with one line
    /// (before the dataset loads and long before a client connects).
    func checkedConfiguration() throws -> ServerTLSConfiguration? {
        guard let configuration else { return nil }
        do {
            try configuration.validate()
        } catch {
            FileHandle.standardError.write(Data("nhs-league-server: refusing to start: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        return configuration
    }

    /// For the "listening" log line.
    var mode: String {
        guard tlsCert != nil else { return "off" }
        return tlsClientCa == nil ? "tls" : "mutual"
    }
}
