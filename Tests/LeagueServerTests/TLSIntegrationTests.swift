import LeagueClient
import LeagueServer
import LeagueWire
import Testing

/// TLS on the service port (issue 14), against a real server on 127.0.0.1 with
/// certificates made at test time by openssl (`TestCertificates`).
@Suite("TLS and mutual TLS on the service port")
struct TLSIntegrationTests {
    @Test("a TLS client gets real answers over the framing protocol")
    func roundTrip() async throws {
        try await withTestServer(configuration: .loopbackTLS()) { port, _ in
            let client = try await LeagueClient.connect(host: "127.0.0.1", port: port, tls: TestCertificates.client())
            let trust = try await client.getTrust("RP6")
            #expect(trust.trust.name == "Moorfields Eye Hospital NHS Foundation Trust")
            // Pipelined calls on the one encrypted connection.
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for code in ["RP6", "RAJ", "RRK"] { group.addTask { try await client.getTrust(code).trust.odsCode } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(answers == ["RP6", "RAJ", "RRK"])
            await client.close()
        }
    }

    @Test("the server's name is checked: localhost matches its certificate")
    func serverNameMatches() async throws {
        try await withTestServer(configuration: .loopbackTLS()) { port, _ in
            let byName = try await LeagueClient.connect(host: "localhost", port: port, tls: TestCertificates.client())
            #expect(try await byName.serverInfo().serverVersion == "test")
            await byName.close()
        }
    }

    @Test("a client that does not trust the server's CA fails at connect with .tls")
    func untrustedServer() async throws {
        try await withTestServer(configuration: .loopbackTLS()) { port, _ in
            let distrustful = ClientTLSConfiguration(trustedCAPath: TestCertificates.path("other-ca.pem"))
            let error = await #expect(throws: LeagueClientError.self) {
                _ = try await LeagueClient.connect(host: "127.0.0.1", port: port, tls: distrustful)
            }
            #expect(error?.code == .tls)
        }
    }

    @Test("mutual TLS: no certificate and another CA's certificate are refused; the CA's own works")
    func mutualTLS() async throws {
        let logs = CapturedLogs()
        try await withTestServer(configuration: .loopbackTLS(mutual: true), logger: logs.logger) { port, _ in
            for identity in [nil, "other-client"] {
                let error = await Self.failure {
                    let client = try await LeagueClient.connect(
                        host: "127.0.0.1", port: port, tls: TestCertificates.client(identity: identity))
                    defer { Task { await client.close() } }
                    // TLS 1.3: the refusal may come after the client's side of the handshake.
                    _ = try await client.serverInfo()
                }
                #expect(error?.code == .tls, "identity \(identity ?? "none"): \(String(describing: error))")
            }
            let trusted = try await LeagueClient.connect(
                host: "127.0.0.1", port: port, tls: TestCertificates.client(identity: "client"))
            #expect(try await trusted.getTrust("RP6").trust.odsCode == "RP6")
            await trusted.close()
        }
        #expect(logs.all.filter { $0.contains("TLS handshake refused") }.count >= 2, "\(logs.all)")
    }

    @Test("plaintext to a TLS port fails at once on the client; the server logs it and serves TLS clients after")
    func plaintextToTLSPort() async throws {
        let logs = CapturedLogs()
        try await withTestServer(configuration: .loopbackTLS(), logger: logs.logger) { port, _ in
            // A generous call timeout: the failure must come from the server, not the clock.
            let plain = try await LeagueClient.connect(host: "127.0.0.1", port: port, callTimeout: .seconds(60))
            let error = await Self.failure { _ = try await plain.serverInfo() }
            await plain.close()
            #expect(error != nil && error?.code != .timeout, "\(String(describing: error))")
            #expect([.tls, .connectionClosed].contains(error?.code), "\(String(describing: error))")

            let secure = try await LeagueClient.connect(host: "127.0.0.1", port: port, tls: TestCertificates.client())
            #expect(try await secure.getTrust("RP6").trust.odsCode == "RP6")
            await secure.close()
        }
        #expect(logs.all.contains { $0.contains("TLS handshake refused") }, "\(logs.all)")
    }

    @Test("a TLS client to a plaintext port fails at connect with .tls, not a hang")
    func tlsToPlaintextPort() async throws {
        try await withTestServer { port, _ in
            let error = await #expect(throws: LeagueClientError.self) {
                _ = try await LeagueClient.connect(host: "127.0.0.1", port: port, tls: TestCertificates.client())
            }
            #expect(error?.code == .tls)
            // And the server still answers plaintext clients.
            let plain = try await LeagueClient.connect(host: "127.0.0.1", port: port)
            #expect(try await plain.getTrust("RP6").trust.odsCode == "RP6")
            await plain.close()
        }
    }

    @Test("unusable TLS files stop start() before binding, with .tlsInvalid naming the file")
    func badFilesFailAtStart() async throws {
        let cases: [(ServerTLSConfiguration, String)] = [
            (
                .init(certificatePath: "/nonexistent/server.pem", privateKeyPath: TestCertificates.path("server.key")),
                "--tls-cert /nonexistent/server.pem does not exist"
            ),
            (
                .init(
                    certificatePath: TestCertificates.path("not-pem.txt"),
                    privateKeyPath: TestCertificates.path("server.key")),
                "is not a PEM certificate file"
            ),
            (
                .init(
                    certificatePath: TestCertificates.path("server.pem"),
                    privateKeyPath: TestCertificates.path("server.pem")),
                "is not an unencrypted PEM private key"
            ),
            (
                .init(
                    certificatePath: TestCertificates.path("server.pem"),
                    privateKeyPath: TestCertificates.path("client.key")),
                "do not form a usable TLS identity"
            ),
            (
                .init(
                    certificatePath: TestCertificates.path("server.pem"),
                    privateKeyPath: TestCertificates.path("server.key"),
                    clientCAPath: TestCertificates.path("missing-ca.pem")),
                "--tls-client-ca"
            ),
        ]
        for (tls, expected) in cases {
            var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
            configuration.tls = tls
            let server = LeagueServer(configuration: configuration, service: SharedService.value, logger: testLogger)
            let error = await #expect(throws: ServerError.self) { try await server.start() }
            #expect(error?.code == .tlsInvalid)
            #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
            #expect(server.localAddress == nil)
        }
    }

    /// The `LeagueClientError` `body` fails with, or nil when it succeeds.
    static func failure(_ body: () async throws -> Void) async -> LeagueClientError? {
        do {
            try await body()
            return nil
        } catch {
            return error as? LeagueClientError
        }
    }
}
