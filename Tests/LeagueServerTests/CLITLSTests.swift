import Foundation
import LeagueServer
import Testing

/// The `nhs-league` CLI's TLS options (issue 14) against a real mutual-TLS server.
@Suite("nhs-league CLI over TLS")
struct CLITLSTests {
    @Test(
        "--tls-ca/--tls-cert/--tls-key (or NHS_LEAGUE_TLS_*) reach a mutual-TLS server; without a certificate, exit 4")
    func mutualTLS() async throws {
        try await withTestServer(configuration: .loopbackTLS(mutual: true)) { port, _ in
            let flags = try CLIBinaryTests.run([
                "rank", "RP6", "--port", "\(port)", "--tls-ca", TestCertificates.path("ca.pem"),
                "--tls-cert", TestCertificates.path("client.pem"), "--tls-key", TestCertificates.path("client.key"),
            ])
            #expect(flags.status == 0, "stderr: \(flags.stderr)")
            #expect(flags.stdout.contains("Moorfields Eye Hospital NHS Foundation Trust"))

            let environment = try CLIBinaryTests.run(
                ["info"],
                environment: [
                    "NHS_LEAGUE_ADDR": "localhost:\(port)", "NHS_LEAGUE_TLS_CA": TestCertificates.path("ca.pem"),
                    "NHS_LEAGUE_TLS_CERT": TestCertificates.path("client.pem"),
                    "NHS_LEAGUE_TLS_KEY": TestCertificates.path("client.key"),
                ])
            #expect(environment.status == 0, "stderr: \(environment.stderr)")

            let noCertificate = try CLIBinaryTests.run(
                ["info", "--port", "\(port)", "--tls-ca", TestCertificates.path("ca.pem")])
            #expect(noCertificate.status == 4, "stdout: \(noCertificate.stdout)")
            #expect(noCertificate.stderr.contains("TLS"), "stderr: \(noCertificate.stderr)")

            let plaintext = try CLIBinaryTests.run(["info", "--port", "\(port)", "--timeout", "60"])
            #expect(plaintext.status == 4, "stdout: \(plaintext.stdout) stderr: \(plaintext.stderr)")
        }
    }

    @Test("a missing CA file is bad TLS input, reported before connecting")
    func missingCA() throws {
        let run = try CLIBinaryTests.run(["info", "--port", "1", "--tls-ca", "/nonexistent/ca.pem"])
        #expect(run.status == 4)
        #expect(run.stderr.contains("/nonexistent/ca.pem does not exist"), "stderr: \(run.stderr)")
    }
}
