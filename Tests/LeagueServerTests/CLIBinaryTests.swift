import Foundation
import Testing

/// Runs the built `nhs-league` executable against a live server, as a person would.
@Suite("nhs-league CLI against a live server")
struct CLIBinaryTests {
    /// The executables are built next to the test bundle (`swift build --build-tests`).
    static let binary = builtExecutable("nhs-league")

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "NHS_LEAGUE_ADDR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("rank moorfields prints the trust, its real position and the quarter")
    func rankMoorfields() async throws {
        try await withTestServer { port, _ in
            let run = try Self.run(["rank", "moorfields", "--port", "\(port)"])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.contains("Moorfields Eye Hospital NHS Foundation Trust"))
            #expect(run.stdout.contains("4 of 134"))
            #expect(run.stdout.contains("Q1 2026/27"))
            #expect(!run.stdout.contains("\u{1B}["), "NO_COLOR must disable colour")
        }
    }

    @Test("--json and NHS_LEAGUE_ADDR work for scripts")
    func rankJSON() async throws {
        try await withTestServer { port, _ in
            let run = try Self.run(["rank", "RP6", "--json"], environment: ["NHS_LEAGUE_ADDR": "127.0.0.1:\(port)"])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let trust = (json?["trust"] as? [String: Any])?["trust"] as? [String: Any]
            #expect(trust?["odsCode"] as? String == "RP6")
            let latest = trust?["latest"] as? [String: Any]
            #expect(latest?["leaguePosition"] as? Int == 4)
        }
    }

    @Test("distinct exit codes: not found 3, unreachable 4, bad input 2")
    func exitCodes() async throws {
        try await withTestServer { port, _ in
            let missing = try Self.run(["rank", "zzzzqqqq xxyyzz", "--port", "\(port)"])
            #expect(missing.status == 3, "stdout: \(missing.stdout) stderr: \(missing.stderr)")
            let bad = try Self.run(["search", " ", "--port", "\(port)"])
            #expect(bad.status == 2, "stderr: \(bad.stderr)")
        }
        // Port 1 on loopback: nothing listens there.
        let unreachable = try Self.run(["info", "--port", "1"])
        #expect(unreachable.status == 4)
        #expect(unreachable.stderr.contains("cannot reach"))
    }

    @Test("a postcode typed as a name: not found, and where to ask instead", arguments: ["rank", "search"])
    func postcodeAsName(command: String) async throws {
        try await withTestServer { port, _ in
            let run = try Self.run([command, "m139wl", "--port", "\(port)"])
            #expect(run.status == 3, "stdout: \(run.stdout) stderr: \(run.stderr)")
            #expect(run.stderr.contains("nhs-league nearest \"M13 9WL\""), "\(run.stderr)")
            #expect(!run.stdout.contains("Did you mean") && !run.stderr.contains("Did you mean"))
        }
    }

    @Test("a town: search names its general acute hospital and points to nearest, which starts from the town")
    func town() async throws {
        try await withTestServer { port, _ in
            let search = try Self.run(["search", "kendal", "--port", "\(port)"])
            #expect(search.status == 0, "stderr: \(search.stderr)")
            let text = search.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")  // unwrapped
            #expect(text.contains("Westmorland General Hospital is run by University Hospitals of Morecambe"))
            #expect(text.contains("matched town \"Kendal\""))
            #expect(text.contains("by distance from Westmorland General Hospital: nhs-league nearest \"LA9 7RG\""))
            let nearest = try Self.run(["nearest", "Kendal", "--table", "acute", "-n", "1", "--port", "\(port)"])
            #expect(nearest.status == 0, "stderr: \(nearest.stderr)")
            #expect(nearest.stdout.contains("Nearest to Kendal (post town)"))
            #expect(nearest.stdout.contains("RTX"))
            let shared = try Self.run(["nearest", "newport", "--port", "\(port)"])
            #expect(shared.status == 2 && shared.stderr.contains("give your postcode"), "\(shared.stderr)")
            // No place at all: what to ask instead, not some clinic whose name has "near" in it.
            for command in ["search", "rank"] {
                let nearMe = try Self.run([command, "hospital", "near", "me", "--port", "\(port)"])
                #expect(nearMe.status == 3 && nearMe.stderr.contains("nhs-league nearest"), "\(nearMe.stderr)")
            }
        }
    }

    @Test("info lists every quarter and table with coverage")
    func info() async throws {
        try await withTestServer { port, _ in
            let run = try Self.run(["info", "--port", "\(port)"])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            for quarter in ["Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "Q4 2025/26", "Q1 2026/27"] {
                #expect(run.stdout.contains(quarter))
            }
        }
    }
}

extension CLIBinaryTests {
    @Test("actions \"kings lynn\" lists the Queen Elizabeth Hospital's sourced actions")
    func actionsKingsLynn() async throws {
        try await withTestServer { port, _ in
            let run = try Self.run(["actions", "kings", "lynn", "--port", "\(port)"])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.contains("Queen Elizabeth Hospital, King's Lynn"))
            #expect(run.stdout.contains("Source: http"))
        }
    }

    @Test("nearest and table print readable answers within 80 columns")
    func nearestAndTable() async throws {
        try await withTestServer { port, _ in
            let nearest = try Self.run(["nearest", "M13 9WL", "--table", "acute", "-n", "5", "--port", "\(port)"])
            #expect(nearest.status == 0, "stderr: \(nearest.stderr)")
            #expect(nearest.stdout.contains("postcode sector M13 9"))
            let coordinates = try Self.run(["nearest", "--lat", "53.46", "--lon", "-2.23", "--port", "\(port)"])
            #expect(coordinates.status == 0, "stderr: \(coordinates.stderr)")
            let table = try Self.run(["table", "acute", "--bottom", "10", "--port", "\(port)"])
            #expect(table.status == 0, "stderr: \(table.stderr)")
            #expect(table.stdout.contains("134"))
            for output in [nearest.stdout, coordinates.stdout, table.stdout] {
                #expect(output.split(separator: "\n").allSatisfy { $0.count <= 80 })
            }
        }
    }
}
