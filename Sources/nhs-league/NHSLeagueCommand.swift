import ArgumentParser

/// `nhs-league`: ask an nhs-league server where an NHS trust ranks.
@main
struct NHSLeagueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nhs-league",
        abstract: "Where does my NHS trust rank? Answers from NHS England's published league tables.",
        discussion: """
            Asks an nhs-league server (default 127.0.0.1:7411, or NHS_LEAGUE_ADDR=host:port).
            Start one with `swift run nhs-league-server`.

            Examples:
              nhs-league rank moorfields
              nhs-league rank "kings lynn hospital"
              nhs-league search "st georges"
              nhs-league nearest "M13 9WL" --table acute -n 5
              nhs-league history RP6
              nhs-league actions "kings lynn"
              nhs-league table acute --top 10
              nhs-league info

            Exit codes: 0 answered, 2 bad input, 3 not found, 4 server unreachable,
            5 other server error, 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [
            RankCommand.self, SearchCommand.self, NearestCommand.self, HistoryCommand.self,
            ActionsCommand.self, TableCommand.self, InfoCommand.self, MetricsCommand.self, MetricCommand.self,
        ]
    )
}
