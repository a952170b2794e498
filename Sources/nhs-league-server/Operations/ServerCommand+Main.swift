import ArgumentParser
import Foundation

extension ServerCommand {
    /// Parses with every `serve` option also settable from the environment and a config
    /// file (`ConfigurationLayers`), then runs the chosen command.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let layers = ConfigurationLayers(command: ServeCommand.self)
        var prepared = arguments
        var settings: [ConfigurationLayers.Setting] = []
        if let serveArguments = servesArguments(arguments) {
            do {
                let merged = try layers.merged(
                    arguments: serveArguments, environment: ProcessInfo.processInfo.environment)
                prepared = [ServeCommand.configuration.commandName!] + merged.arguments
                settings = merged.settings
            } catch {
                fail("nhs-league-server: \(error)")
            }
        }
        do {
            var command = try parseAsRoot(prepared)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let message = self.message(for: error)
            if let setting = layers.blame(message, settings: settings) {
                // A bad value from the environment or the file: one line naming where it was set.
                fail("nhs-league-server: invalid configuration (\(setting.source)): \(message)")
            }
            exit(withError: error)
        }
    }

    /// The arguments of `serve` when the command line runs it (named or as the default),
    /// or nil for another subcommand and for root `--help`/`--version`.
    static func servesArguments(_ arguments: [String]) -> [String]? {
        guard let first = arguments.first else { return [] }
        if first == ServeCommand.configuration.commandName { return Array(arguments.dropFirst()) }
        if ["-h", "--help", "--version", "help", "--experimental-dump-help"].contains(first) { return nil }
        return first.hasPrefix("-") ? arguments : nil
    }

    private static func fail(_ line: String) -> Never {
        FileHandle.standardError.write(Data((line + "\n").utf8))
        Foundation.exit(64)
    }
}
