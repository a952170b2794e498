import ArgumentParser
import Foundation
import LeagueClient
import LeagueWire

/// Options every subcommand shares: where the server is, and the output format.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Server host (default 127.0.0.1, or the host of NHS_LEAGUE_ADDR).")
    var host: String?

    @Option(help: "Server port (default 7411, or the port of NHS_LEAGUE_ADDR).")
    var port: Int?

    @Option(help: "Seconds to wait for an answer.")
    var timeout: Double = 10

    @Flag(help: "Print the answer as JSON (for scripts).")
    var json = false

    // MARK: TLS (issue 14)
    @Option(
        help: ArgumentHelp(
            "Connect with TLS, trusting the CA certificates in this PEM file (or NHS_LEAGUE_TLS_CA).",
            valueName: "path"))
    var tlsCa: String?

    @Option(
        help: ArgumentHelp(
            "Client certificate (PEM) for servers that require one (or NHS_LEAGUE_TLS_CERT); implies TLS.",
            valueName: "path"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("Private key (PEM) of --tls-cert (or NHS_LEAGUE_TLS_KEY).", valueName: "path"))
    var tlsKey: String?

    @Option(
        help: ArgumentHelp(
            "Name the server's certificate must carry, when it differs from --host (or NHS_LEAGUE_TLS_SERVER_NAME).",
            valueName: "name"))
    var tlsServerName: String?

    func validate() throws {
        guard timeout.isFinite, timeout > 0, timeout <= 3600 else {
            throw ValidationError("--timeout must be more than 0 and at most 3600 seconds")
        }
    }

    /// host and port from the flags, else NHS_LEAGUE_ADDR, else 127.0.0.1:7411.
    func address() throws -> (host: String, port: Int) {
        var host = "127.0.0.1"
        var port = 7411
        if let env = ProcessInfo.processInfo.environment["NHS_LEAGUE_ADDR"], !env.isEmpty {
            guard let colon = env.lastIndex(of: ":"), let envPort = Int(env[env.index(after: colon)...]) else {
                throw CLIError(.badInput, "NHS_LEAGUE_ADDR must look like host:port, got \"\(env)\"")
            }
            host = String(env[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            port = envPort
        }
        if let flagHost = self.host { host = flagHost }
        if let flagPort = self.port { port = flagPort }
        return (host, port)
    }

    /// TLS settings from the flags, else NHS_LEAGUE_TLS_*; nil (plaintext) when none is set.
    func tls() throws -> ClientTLSConfiguration? {
        let environment = ProcessInfo.processInfo.environment
        func setting(_ flag: String?, _ name: String) -> String? {
            flag ?? environment["NHS_LEAGUE_TLS_\(name)"].flatMap { $0.isEmpty ? nil : $0 }
        }
        let ca = setting(tlsCa, "CA")
        let cert = setting(tlsCert, "CERT")
        let key = setting(tlsKey, "KEY")
        let serverName = setting(tlsServerName, "SERVER_NAME")
        guard (cert == nil) == (key == nil) else {
            throw CLIError(.badInput, "--tls-cert and --tls-key must be given together")
        }
        guard ca != nil || cert != nil || serverName != nil else { return nil }
        return ClientTLSConfiguration(
            trustedCAPath: ca, certificatePath: cert, privateKeyPath: key, serverName: serverName)
    }

    /// Connects, runs `body`, closes; turns failures into a `CLIError` with its exit code.
    func withClient<T>(_ body: (LeagueClient) async throws -> T) async throws -> T {
        let (host, port) = try address()
        let client: LeagueClient
        do {
            client = try await LeagueClient.connect(
                host: host, port: port, callTimeout: .seconds(timeout), tls: try tls())
        } catch let error as LeagueClientError where error.code == .tls {
            throw CLIError(error)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(
                .unreachable,
                "cannot reach the nhs-league server at \(host):\(port). Is it running? (start it with `swift run nhs-league-server`)"
            )
        }
        do {
            let value = try await body(client)
            await client.close()
            return value
        } catch let error as LeagueClientError {
            await client.close()
            throw CLIError(error)
        } catch {
            await client.close()
            throw error
        }
    }
}
