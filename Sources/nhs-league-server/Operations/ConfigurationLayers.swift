import ArgumentParser
import Foundation

/// Makes every option of a command settable three more ways than its flag, with
/// precedence flag > environment > file > default:
/// - the environment variable `NHS_LEAGUE_<FLAG_NAME>` (`--max-request-bytes` ->
///   `NHS_LEAGUE_MAX_REQUEST_BYTES`);
/// - a line `flag-name = value` in the config file (`--config FILE` or `NHS_LEAGUE_CONFIG`).
///
/// It is generic: the options come from ArgumentParser's own description of the command
/// (`_dumpHelp()`), so every flag, including those added later in other `@OptionGroup`s,
/// is covered with no list to keep. Values from the environment and the file become
/// ordinary arguments placed *before* the command line's, and only for options the
/// command line does not set, so ArgumentParser validates them exactly like flags.
struct ConfigurationLayers {
    static let environmentPrefix = "NHS_LEAGUE_"
    static let configOption = "config"

    /// One long option the command accepts.
    struct OptionInfo: Equatable {
        var name: String
        /// A flag takes no value (`--verbose`); an option takes one (`--port 7411`).
        var isFlag: Bool
        var isRepeating: Bool
        /// Every spelling on the command line (`--port`, `-p`), to tell whether it is set there.
        var spellings: [String]

        var environmentName: String {
            ConfigurationLayers.environmentPrefix + name.uppercased().replacingOccurrences(of: "-", with: "_")
        }
    }

    /// Where a value came from, for error messages that name the setting.
    enum Source: Equatable, CustomStringConvertible {
        case environment(String)
        case file(path: String, line: Int)

        var description: String {
            switch self {
            case .environment(let name): "environment variable \(name)"
            case .file(let path, let line): "\(path) line \(line)"
            }
        }
    }

    /// A problem with the configuration itself, reported in one line.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    let options: [OptionInfo]

    /// The long options of `command`, read from ArgumentParser's JSON description.
    init(command: any ParsableArguments.Type) {
        self.options = Self.options(fromDumpHelp: command._dumpHelp())
    }

    init(options: [OptionInfo]) {
        self.options = options
    }

    static func options(fromDumpHelp json: String) -> [OptionInfo] {
        struct Name: Decodable {
            var kind: String
            var name: String
        }
        struct Argument: Decodable {
            var kind: String
            var isRepeating: Bool
            var names: [Name]?
            var preferredName: Name?
        }
        struct Command: Decodable { var arguments: [Argument]? }
        struct Tool: Decodable { var command: Command }
        guard let tool = try? JSONDecoder().decode(Tool.self, from: Data(json.utf8)) else { return [] }
        return (tool.command.arguments ?? []).compactMap { argument in
            guard argument.kind == "option" || argument.kind == "flag",
                let long = (argument.names ?? []).first(where: { $0.kind == "long" })?.name,
                !["help", "version", "experimental-dump-help"].contains(long)
            else { return nil }
            let spellings = (argument.names ?? []).map { name in
                name.kind == "short" ? "-" + name.name : (name.kind == "long" ? "--" : "-") + name.name
            }
            return OptionInfo(
                name: long, isFlag: argument.kind == "flag", isRepeating: argument.isRepeating, spellings: spellings)
        }
    }

    /// A value set outside the command line.
    struct Setting: Equatable {
        var option: OptionInfo
        var value: String
        var source: Source
    }

    /// The arguments to parse: settings from the environment and the file that the command
    /// line leaves unset, then the command line itself (so a flag always wins).
    func merged(arguments: [String], environment: [String: String]) throws(Problem) -> (
        arguments: [String], settings: [Setting]
    ) {
        var settings: [Setting] = []
        var taken = Set(options.filter { isSet($0, in: arguments) }.map(\.name))
        for option in options where !taken.contains(option.name) && option.name != Self.configOption {
            if let value = environment[option.environmentName] {
                settings.append(Setting(option: option, value: value, source: .environment(option.environmentName)))
                taken.insert(option.name)
            }
        }
        if let path = configPath(arguments: arguments, environment: environment) {
            for setting in try fileSettings(path: path) where !taken.contains(setting.option.name) {
                settings.append(setting)
                if !setting.option.isRepeating { taken.insert(setting.option.name) }
            }
        }
        var prefix: [String] = []
        for setting in settings {
            if setting.option.isFlag {
                switch setting.value.lowercased() {
                case "1", "true", "yes", "on": prefix.append("--" + setting.option.name)
                case "0", "false", "no", "off", "": break
                default:
                    throw Problem(
                        description:
                            "invalid configuration: \(setting.source) sets --\(setting.option.name) to \"\(setting.value)\"; use true or false"
                    )
                }
            } else {
                prefix.append("--" + setting.option.name + "=" + setting.value)
            }
        }
        return (prefix + arguments, settings)
    }

    private func isSet(_ option: OptionInfo, in arguments: [String]) -> Bool {
        for argument in arguments.prefix(while: { $0 != "--" }) {
            for spelling in option.spellings where argument == spelling || argument.hasPrefix(spelling + "=") {
                return true
            }
        }
        return false
    }

    private func configPath(arguments: [String], environment: [String: String]) -> String? {
        let flag = "--" + Self.configOption
        for (index, argument) in arguments.enumerated() {
            if argument == flag, index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix(flag + "=") { return String(argument.dropFirst(flag.count + 1)) }
        }
        return environment[Self.environmentPrefix + "CONFIG"]
    }

    /// `name = value` lines; `#` starts a comment; blank lines are skipped; names are the
    /// long flags without `--` (the environment form is accepted too).
    func fileSettings(path: String) throws(Problem) -> [Setting] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Problem(description: "invalid configuration: cannot read config file \(path)")
        }
        var settings: [Setting] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let source = Source.file(path: path, line: index + 1)
            guard let equals = line.firstIndex(of: "=") else {
                throw Problem(description: "invalid configuration: \(source): expected `name = value`")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.first == "\"", value.last == "\"" {
                value = String(value.dropFirst().dropLast())
            }
            guard let option = options.first(where: { $0.name == key || $0.environmentName == key }),
                option.name != Self.configOption
            else {
                throw Problem(description: "invalid configuration: \(source): unknown setting \"\(key)\"")
            }
            settings.append(Setting(option: option, value: value, source: source))
        }
        return settings
    }

    /// The setting that ArgumentParser's `message` is about, if it came from outside the
    /// command line, so the error can name where it was set.
    func blame(_ message: String, settings: [Setting]) -> Setting? {
        settings.first { message.contains("--" + $0.option.name) }
    }
}
