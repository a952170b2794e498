import Foundation
import LeagueClient
import LeagueServer
import Logging
import Synchronization

/// TLS material made at test time by `.ci/tls/make-test-certs.sh` (openssl), once per
/// test process, in a fresh temporary directory: a CA, a server certificate for
/// localhost/127.0.0.1, a client certificate from the CA, and a client certificate from
/// an unrelated CA.
enum TestCertificates {
    static let directory: URL = {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("nhs-league-tls-\(UUID().uuidString)")
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".ci/tls/make-test-certs.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, directory.path]
        do {
            try process.run()
        } catch {
            fatalError("cannot run \(script.path): \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fatalError("\(script.path) failed (is openssl installed?)") }
        return directory
    }()

    /// The path of one of the files the script makes (`ca.pem`, `server.key`, ...).
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The server's TLS settings; `mutual` also requires client certificates from the test CA.
    static func server(mutual: Bool = false) -> ServerTLSConfiguration {
        ServerTLSConfiguration(
            certificatePath: path("server.pem"), privateKeyPath: path("server.key"),
            clientCAPath: mutual ? path("ca.pem") : nil)
    }

    /// A client trusting the test CA, presenting `identity` ("client", "other-client") if given.
    static func client(identity: String? = nil, serverName: String? = nil) -> ClientTLSConfiguration {
        ClientTLSConfiguration(
            trustedCAPath: path("ca.pem"), certificatePath: identity.map { path("\($0).pem") },
            privateKeyPath: identity.map { path("\($0).key") }, serverName: serverName)
    }
}

extension ServerConfiguration {
    /// 127.0.0.1, port 0, with TLS.
    static func loopbackTLS(mutual: Bool = false) -> ServerConfiguration {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.tls = TestCertificates.server(mutual: mutual)
        return configuration
    }
}
