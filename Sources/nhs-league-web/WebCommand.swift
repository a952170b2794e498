import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `nhs-league-web`: the patient-facing web pages, a gateway in front of `nhs-league-server`.
///
/// Every answer comes from the TCP service through `LeagueClient`; this process keeps
/// no data of its own, so it can run on any machine that reaches the server.
@main
struct WebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nhs-league-web",
        abstract: "Serve the NHS trust league tables as accessible web pages (and JSON).",
        discussion: """
            Finds the server through NHS_LEAGUE_ADDR (host:port, default 127.0.0.1:7411).
            Examples:
              nhs-league-web
              NHS_LEAGUE_ADDR=10.0.0.5:7411 nhs-league-web --host 0.0.0.0 --port 8080
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        var logger = Logger(label: "nhs-league.web")
        logger.logLevel = logLevel
        let upstream = try ServerAddress.fromEnvironment()
        let gateway = LeagueGateway(host: upstream.host, port: upstream.port, logger: logger)
        let site = try await WebSite(gateway: gateway)
        let app = Application(
            router: site.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                // Scripts (CI, README) read this line to learn the port when --port 0 is used.
                let line = "nhs-league-web listening on \(channel.localAddress?.description ?? "?")\n"
                try? FileHandle.standardOutput.write(contentsOf: Data(line.utf8))
            },
            logger: logger
        )
        logger.info("using nhs-league server", metadata: ["upstream": "\(upstream.host):\(upstream.port)"])
        try await app.runService()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Where the TCP service is: NHS_LEAGUE_ADDR ("host:port"), else 127.0.0.1:7411, as the CLI does.
struct ServerAddress {
    var host = "127.0.0.1"
    var port = 7411

    static func fromEnvironment() throws -> ServerAddress {
        var address = ServerAddress()
        guard let env = ProcessInfo.processInfo.environment["NHS_LEAGUE_ADDR"], !env.isEmpty else { return address }
        guard let colon = env.lastIndex(of: ":"), let port = Int(env[env.index(after: colon)...]) else {
            throw ValidationError("NHS_LEAGUE_ADDR must look like host:port, got \"\(env)\"")
        }
        address.host = String(env[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        address.port = port
        return address
    }
}
