import ArgumentParser
import Logging

/// Operations flags of `serve`: the admin listener, the log format, the config file.
struct OperationsOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Admin HTTP listener for /metrics, /healthz and /readyz, as HOST:PORT (off unless set).",
            valueName: "host:port"))
    var adminAddress: AdminAddress?

    @Option(
        help: ArgumentHelp(
            "Seconds /readyz reports draining before a stopping server refuses new connections, so load balancers move away first (0 to 300).",
            valueName: "seconds"))
    var shutdownDelay: Double = 0

    @Option(help: "Log format: human (one readable line) or json (one JSON object per line).")
    var logFormat: LogFormat = .human

    @Option(
        help: ArgumentHelp(
            "Configuration file of `name = value` lines (names as the long flags, without --).",
            valueName: "file"))
    var config: String?

    func validate() throws {
        guard shutdownDelay.isFinite, (0...300).contains(shutdownDelay) else {
            throw ValidationError("--shutdown-delay must be 0 to 300 seconds")
        }
    }

    var shutdownDelayDuration: Duration { .seconds(shutdownDelay) }
}

/// `HOST:PORT` of the admin listener; port 0 picks a free port.
struct AdminAddress: ExpressibleByArgument, Sendable {
    var host: String
    var port: Int

    init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":"),
            let port = Int(argument[argument.index(after: colon)...]), (0...65535).contains(port)
        else { return nil }
        var host = String(argument[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }
}

enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case human, json
}
