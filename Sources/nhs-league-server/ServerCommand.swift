import ArgumentParser

/// `nhs-league-server`: serves the NHS trust league tables over TCP.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nhs-league-server",
        abstract: "Serve the NHS England trust league tables over the nhs-league TCP protocol.",
        discussion: """
            With no arguments, serves the embedded real dataset on 127.0.0.1:7411.
            Examples:
              nhs-league-server
              nhs-league-server --port 0 --log-level debug
              nhs-league-server --data ./my-dataset
              nhs-league-server check --data ./my-dataset
            Send SIGHUP to reload --data without dropping requests; SIGINT/SIGTERM stop gracefully.
            """,
        version: ServerVersion.current,
        subcommands: [ServeCommand.self, CheckCommand.self, ImportPostcodesCommand.self, ImportCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}

enum ServerVersion {
    static let current = "0.1.0"
}
