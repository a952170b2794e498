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

    /// Connects, runs `body`, closes; turns failures into a `CLIError` with its exit code.
    func withClient<T>(_ body: (LeagueClient) async throws -> T) async throws -> T {
        let (host, port) = try address()
        let client: LeagueClient
        do {
            client = try await LeagueClient.connect(
                host: host, port: port, callTimeout: .milliseconds(Int64(timeout * 1000)))
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
