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
            Every serve option can also be set as NHS_LEAGUE_<OPTION> or in --config FILE (see serve --help).
            """,
        version: ServerVersion.current,
        subcommands: [ServeCommand.self, CheckCommand.self, ImportPostcodesCommand.self, ImportCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}

enum ServerVersion {
    static let current = "0.1.0"
}
