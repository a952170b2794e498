import ArgumentParser
import Foundation
import Testing

@testable import nhs_league_server

/// Flags added later in their own `@OptionGroup` (as the TLS and limits work does) must be
/// covered with no change to `ConfigurationLayers`.
struct LaterOptions: ParsableArguments {
    @Option(help: "A later option.") var tlsCertificate: String?
    @Flag(help: "A later flag.") var requireClientCertificate = false
}

struct ExampleCommand: ParsableCommand {
    @Option var port = 7411
    @Option var host = "127.0.0.1"
    @Option var config: String?
    @OptionGroup var later: LaterOptions
}

@Suite("configuration: flag > environment > file > default")
struct ConfigurationLayersTests {
    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nhs-league-\(UUID()).conf")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func parse(_ arguments: [String], _ environment: [String: String]) throws -> ExampleCommand {
        let merged = try ConfigurationLayers(command: ExampleCommand.self).merged(
            arguments: arguments, environment: environment)
        return try ExampleCommand.parse(merged.arguments)
    }

    @Test("every serve option, including option groups, is found from ArgumentParser's own metadata")
    func serveOptionsAreDerived() {
        let names = Set(ConfigurationLayers(command: ServeCommand.self).options.map(\.name))
        for expected in [
            "host", "port", "data", "log-level", "max-request-bytes", "drain-timeout", "admin-address",
            "log-format", "config", "max-connections", "max-requests-in-flight", "idle-timeout", "frame-timeout",
        ] {
            #expect(names.contains(expected), "\(expected) missing from \(names.sorted())")
        }
        #expect(!names.contains("help"))
    }

    @Test("a later @OptionGroup's option and flag get environment names too")
    func laterGroups() throws {
        let layers = ConfigurationLayers(command: ExampleCommand.self)
        let env = Set(layers.options.map(\.environmentName))
        #expect(env.contains("NHS_LEAGUE_TLS_CERTIFICATE"))
        #expect(env.contains("NHS_LEAGUE_REQUIRE_CLIENT_CERTIFICATE"))
        let command = try Self.parse(
            [], ["NHS_LEAGUE_TLS_CERTIFICATE": "/etc/cert.pem", "NHS_LEAGUE_REQUIRE_CLIENT_CERTIFICATE": "true"])
        #expect(command.later.tlsCertificate == "/etc/cert.pem")
        #expect(command.later.requireClientCertificate)
    }

    @Test(
        "precedence",
        arguments: [
            // (flag, environment, file) -> the port that wins
            (Int?.none, Int?.none, Int?.none, 7411),
            (nil, nil, 3, 3),
            (nil, 2, 3, 2),
            (1, 2, 3, 1),
            (1, nil, 3, 1),
            (1, 2, nil, 1),
            (nil, 2, nil, 2),
        ])
    func precedence(flag: Int?, environment: Int?, file: Int?, expected: Int) throws {
        var arguments: [String] = []
        var env: [String: String] = [:]
        if let flag { arguments += ["--port", "\(flag)"] }
        if let environment { env["NHS_LEAGUE_PORT"] = "\(environment)" }
        if let file { arguments += ["--config", try Self.file("# a comment\n\nport = \(file)\nhost = 10.0.0.1\n")] }
        let command = try Self.parse(arguments, env)
        #expect(command.port == expected)
        #expect(command.host == (file == nil ? "127.0.0.1" : "10.0.0.1"))
    }

    @Test("NHS_LEAGUE_CONFIG names the file; --config wins over it; `--port=N` counts as set")
    func configFromEnvironment() throws {
        let a = try Self.file("port = 1001\n")
        let b = try Self.file("port = 1002\n")
        #expect(try Self.parse([], ["NHS_LEAGUE_CONFIG": a]).port == 1001)
        #expect(try Self.parse(["--config", b], ["NHS_LEAGUE_CONFIG": a]).port == 1002)
        #expect(try Self.parse(["--port=9"], ["NHS_LEAGUE_PORT": "8"]).port == 9)
    }

    @Test(
        "a bad file or flag value is one line naming where it was set",
        arguments: [
            ("nonsense line\n", "line 1"),
            ("port = 1\nwhat = 2\n", "unknown setting \"what\""),
        ])
    func badFile(text: String, mentions: String) throws {
        let path = try Self.file(text)
        #expect {
            _ = try Self.parse(["--config", path], [:])
        } throws: { error in
            "\(error)".contains(mentions) && "\(error)".contains(path) && !"\(error)".contains("\n")
        }
    }

    @Test("a flag set to something other than true/false is refused, naming the variable")
    func badFlagValue() {
        #expect {
            _ = try Self.parse([], ["NHS_LEAGUE_REQUIRE_CLIENT_CERTIFICATE": "maybe"])
        } throws: { error in
            "\(error)".contains("NHS_LEAGUE_REQUIRE_CLIENT_CERTIFICATE")
        }
    }

    @Test("serve is recognised with or without its name; other subcommands are left alone")
    func serveDetection() {
        #expect(ServerCommand.servesArguments([]) == [])
        #expect(ServerCommand.servesArguments(["--port", "1"]) == ["--port", "1"])
        #expect(ServerCommand.servesArguments(["serve", "--port", "1"]) == ["--port", "1"])
        #expect(ServerCommand.servesArguments(["check"]) == nil)
        #expect(ServerCommand.servesArguments(["--help"]) == nil)
    }
}
