import Foundation
import LeagueClient
import LeagueWire
import Testing

/// The operator's view of the real `nhs-league-server` binary: the admin listener's
/// metrics and health endpoints, JSON logs, and configuration from the environment and a file.
@Suite("operations: metrics, health, JSON logs, configuration (server binary)")
struct OperationsBinaryTests {
    /// The value of the sample `name{labels...}` in Prometheus text, or nil when absent.
    static func sample(_ text: String, _ name: String, _ labels: [String: String]) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + "{") || line.hasPrefix(name + " ") {
            let series = line.split(separator: " ").dropLast().joined(separator: " ")
            let matches = labels.allSatisfy { series.contains("\($0.key)=\"\($0.value)\"") }
            if matches, let value = line.split(separator: " ").last.flatMap({ Double($0) }) { return value }
        }
        return nil
    }

    @Test("/metrics counters move after real requests; /healthz and /readyz answer; JSON log lines parse")
    func metricsHealthAndJSONLogs() async throws {
        let server = try ServerProcess([
            "--port", "0", "--admin-address", "127.0.0.1:0", "--log-format", "json", "--log-level", "debug",
        ])
        let port = try await server.port(after: "nhs-league-server listening on")
        let admin = try await server.port(after: "nhs-league-server admin on")

        #expect(try await httpGet(port: admin, path: "/healthz").status == 200)
        #expect(try await httpGet(port: admin, path: "/readyz").status == 200)
        #expect(try await httpGet(port: admin, path: "/nope").status == 404)
        let before = try await httpGet(port: admin, path: "/metrics").body
        let info = ["call": "server_info", "protocol": "tcp", "code": "OK"]
        let notFound = ["call": "get_trust", "protocol": "tcp", "code": "NOT_FOUND"]

        let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
        let serverInfo = try await client.serverInfo()
        for _ in 0..<3 { _ = try await client.send(.serverInfo) }
        let missing = try await client.send(.getTrust(GetTrustRequest(odsCode: "ZZZ99")))
        #expect(missing.status.code == .notFound)
        // A full postcode that must never reach a log line at info or above.
        let postcode = "EC1V 2PD"
        var near = NearestRequest()
        near.postcode = postcode
        _ = try await client.send(.nearest(near))
        await client.close()

        let after = try await httpGet(port: admin, path: "/metrics").body
        #expect(
            (Self.sample(after, "nhs_league_requests_total", info) ?? 0)
                - (Self.sample(before, "nhs_league_requests_total", info) ?? 0) == 4)
        #expect((Self.sample(after, "nhs_league_requests_total", notFound) ?? 0) == 1)
        #expect(Self.sample(before, "nhs_league_requests_total", notFound) == nil)
        #expect((Self.sample(after, "nhs_league_request_duration_seconds_count", ["call": "server_info"]) ?? 0) >= 4)
        #expect(
            Self.sample(
                after, "nhs_league_dataset_info",
                ["version": serverInfo.dataVersion, "quarter": serverInfo.latestQuarter])
                == 1)
        #expect((Self.sample(after, "nhs_league_dataset_load_duration_seconds", [:]) ?? 0) > 0)
        // The connection above is closed now (the gauge counts it down).
        #expect(Self.sample(after, "nhs_league_open_connections", ["protocol": "tcp"]) != nil)

        // A frame refused for its size is counted with its reason, then SIGHUP reloads.
        let raw = try await RawConnection.connect(port: port)
        try await raw.send(raw: [0, 0x7F, 0xFF, 0xFF, 0xFF])
        kill(server.pid, SIGHUP)
        var scraped = ""
        for _ in 0..<1_200 {  // up to a minute: a debug reload on a busy machine is slow
            scraped = try await httpGet(port: admin, path: "/metrics").body
            if Self.sample(scraped, "nhs_league_reloads_total", ["outcome": "unchanged"]) == 1,
                Self.sample(scraped, "nhs_league_frames_refused_total", ["reason": "messageTooLarge"]) == 1
            {
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(Self.sample(scraped, "nhs_league_frames_refused_total", ["reason": "messageTooLarge"]) == 1)
        #expect(Self.sample(scraped, "nhs_league_reloads_total", ["outcome": "unchanged"]) == 1)

        #expect(server.stop() == 0)
        // Every stderr line is one JSON object with the standard keys.
        let lines = server.stderr.split(separator: "\n")
        #expect(lines.count > 3)
        var sawRequestLine = false
        for line in lines {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            #expect(object["time"] is String && object["message"] is String && object["label"] is String)
            let level = try #require(object["level"] as? String)
            if level != "trace" && level != "debug" {
                #expect(!line.contains(postcode), "a full postcode at \(level): \(line)")
            }
            if object["call"] != nil {
                sawRequestLine = true
                #expect(object["request_id"] != nil, "a line about a request without its id: \(line)")
            }
        }
        #expect(sawRequestLine, "the NOT_FOUND answer is logged at debug with its request id")
        #expect(lines.contains { $0.contains("\"message\":\"connection opened\"") })
    }

    @Test("on SIGTERM /readyz turns 503 \"draining\" while requests are still answered, for --shutdown-delay")
    func readinessDrains() async throws {
        let server = try ServerProcess([
            "--port", "0", "--admin-address", "127.0.0.1:0", "--shutdown-delay", "3",
        ])
        let port = try await server.port(after: "nhs-league-server listening on")
        let admin = try await server.port(after: "nhs-league-server admin on")
        let client = try await LeagueClient.connect(host: "127.0.0.1", port: port)
        #expect(try await httpGet(port: admin, path: "/readyz").status == 200)
        kill(server.pid, SIGTERM)
        var readyz = (status: 0, body: "")
        for _ in 0..<100 {
            readyz = try await httpGet(port: admin, path: "/readyz")
            if readyz.status != 200 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(readyz.status == 503)
        #expect(readyz.body.contains("draining"))
        #expect(try await httpGet(port: admin, path: "/healthz").status == 200)
        // Still serving during the delay: a load balancer has time to move away.
        #expect(try await client.send(.serverInfo).status.code == .ok)
        await client.close()
        #expect(server.stop() == 0)
    }

    @Test("precedence flag > environment > file > default, through the real binary")
    func configurationPrecedence() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nhs-league-\(UUID()).conf")
        defer { try? FileManager.default.removeItem(at: file) }
        // The file asks for a fixed admin port and JSON logs; the environment overrides the
        // admin address with port 0, and the flag overrides the log format back to human.
        try """
        # operations test
        admin-address = 127.0.0.1:1
        log-format = json
        log-level = debug
        """.write(to: file, atomically: true, encoding: .utf8)
        let server = try ServerProcess(
            ["--port", "0", "--log-format", "human"],
            environment: ["NHS_LEAGUE_CONFIG": file.path, "NHS_LEAGUE_ADMIN_ADDRESS": "127.0.0.1:0"])
        _ = try await server.port(after: "nhs-league-server listening on")
        let admin = try await server.port(after: "nhs-league-server admin on")
        #expect(admin != 1, "the environment beats the file")
        #expect(try await httpGet(port: admin, path: "/readyz").status == 200)
        #expect(server.stop() == 0)
        let stderr = server.stderr
        #expect(!stderr.contains("{\""), "the flag beats the file's json")
        #expect(stderr.contains("debug"), "the file's log level applies when nothing else sets it")
    }

    @Test(
        "invalid configuration fails at start with one line naming the setting",
        arguments: [
            (["NHS_LEAGUE_PORT": "seventy"], "NHS_LEAGUE_PORT"),
            (["NHS_LEAGUE_LOG_FORMAT": "xml"], "NHS_LEAGUE_LOG_FORMAT"),
            (["NHS_LEAGUE_MAX_REQUEST_BYTES": "0"], "NHS_LEAGUE_MAX_REQUEST_BYTES"),
            (["NHS_LEAGUE_CONFIG": "/nonexistent/nhs-league.conf"], "/nonexistent/nhs-league.conf"),
        ])
    func invalidConfiguration(environment: [String: String], named: String) async throws {
        let server = try ServerProcess([], environment: environment)
        #expect(server.waitForExit() != 0)
        try await Task.sleep(for: .milliseconds(100))  // let the pipe reader catch up
        let lines = server.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(server.stderr)")
        #expect(lines.first?.contains(named) == true, "\(server.stderr)")
    }
}
