import Foundation
import LeagueCore
import LeagueService
import LeagueWire
import Testing

/// Every refused request gets the status its error carries, with its id, a message for
/// people and the data version; no socket involved.
@Suite("Errors carry their status")
struct ErrorStatusTests {
    static let cases: [(String, Call, StatusCode)] = [
        ("malformed postcode", .nearest(.with { $0.postcode = "hello world" }), .invalidArgument),
        ("well-formed, unknown postcode", .nearest(.with { $0.postcode = "ZZ9 9ZZ" }), .notFound),
        ("Channel Islands postcode, no coordinates", .nearest(.with { $0.postcode = "JE2 3AB" }), .notFound),
        (
            "latitude out of range",
            .nearest(
                .with {
                    $0.latitude = 91; $0.longitude = 0
                }), .invalidArgument
        ),
        (
            "longitude out of range",
            .nearest(
                .with {
                    $0.latitude = 52; $0.longitude = -181
                }), .invalidArgument
        ),
        (
            "nearest limit out of range",
            .nearest(
                .with {
                    $0.postcode = "M13"; $0.limit = 51
                }), .invalidArgument
        ),
        (
            "both postcode and coordinates",
            .nearest(
                .with {
                    $0.postcode = "M13"; $0.latitude = 53; $0.longitude = -2
                }), .invalidArgument
        ),
        ("neither postcode nor coordinates", .nearest(.with { _ in }), .invalidArgument),
        (
            "unspecified table in nearest",
            .nearest(
                .with {
                    $0.postcode = "M13"; $0.tables = [.unspecified]
                }),
            .invalidArgument
        ),
        (
            "negative distance",
            .nearest(
                .with {
                    $0.postcode = "M13"; $0.maxDistanceKm = -1
                }), .invalidArgument
        ),
        ("unknown ODS code", .getTrust(GetTrustRequest(odsCode: "ZZZ")), .notFound),
        ("empty ODS code", .getTrust(GetTrustRequest(odsCode: "")), .invalidArgument),
        ("junk ODS code", .getTrust(GetTrustRequest(odsCode: "R;--")), .invalidArgument),
        ("history of an unknown trust", .trustHistory(TrustHistoryRequest(odsCode: "QQQ")), .notFound),
        ("actions of an unknown trust", .listActions(ListActionsRequest(odsCode: "QQQ")), .notFound),
        ("empty search", .findTrusts(FindTrustsRequest(query: "   ")), .invalidArgument),
        ("punctuation-only search", .findTrusts(FindTrustsRequest(query: "?!")), .invalidArgument),
        ("search limit out of range", .findTrusts(FindTrustsRequest(query: "royal", limit: 10_000)), .invalidArgument),
        ("league table with no table", .leagueTable(.with { _ in }), .invalidArgument),
        (
            "league table limit out of range",
            .leagueTable(
                .with {
                    $0.table = .acute; $0.limit = 500
                }), .invalidArgument
        ),
        (
            "league table segment out of range",
            .leagueTable(
                .with {
                    $0.table = .acute; $0.segment = 9
                }), .invalidArgument
        ),
        (
            "league table unknown region",
            .leagueTable(
                .with {
                    $0.table = .acute; $0.region = "Atlantis"
                }),
            .invalidArgument
        ),
        (
            "league table unreadable quarter",
            .leagueTable(
                .with {
                    $0.table = .acute; $0.quarter = "spring"
                }),
            .invalidArgument
        ),
        (
            "league table quarter not published",
            .leagueTable(
                .with {
                    $0.table = .acute; $0.quarter = "Q1 2019/20"
                }),
            .notFound
        ),
        ("no call set", .unset, .unimplemented),
        // Metrics: unknown names, and metrics or quarters the table does not publish.
        ("metrics of an unknown trust", .trustMetrics(TrustMetricsRequest(odsCode: "QQQ")), .notFound),
        (
            "metrics in an unreadable quarter", .trustMetrics(TrustMetricsRequest(odsCode: "RJE", quarter: "spring")),
            .invalidArgument
        ),
        (
            "ambulance metrics in a quarter without them",
            .trustMetrics(TrustMetricsRequest(odsCode: "RRU", quarter: "Q1 2026/27")), .failedPrecondition
        ),
        ("unknown metric", .metricTable(MetricTableRequest(metric: "canser waits")), .notFound),
        ("empty metric name", .metricTable(MetricTableRequest(metric: "  ")), .invalidArgument),
        (
            "A&E metric in the ambulance table",
            .metricTable(MetricTableRequest(metric: "a&e 4 hour", table: .ambulance)), .failedPrecondition
        ),
        (
            "metric table limit out of range",
            .metricTable(MetricTableRequest(metric: "OF0013", limit: 500)), .invalidArgument
        ),
        ("catalogue of an unreadable quarter", .listMetrics(ListMetricsRequest(quarter: "spring")), .invalidArgument),
    ]

    /// Wire call names with an underscore ("nearest" is also an English word).
    static let callNames = [
        "server_info", "get_trust", "find_trusts", "list_actions", "league_table", "trust_history", "trust_metrics",
        "metric_table", "list_metrics",
    ]

    @Test(
        "each refused request gets its status, id, data version and a message naming no wire call",
        arguments: cases)
    func refused(name: String, call: Call, expected: StatusCode) {
        let response = ask(call, id: 41)
        #expect(response.id == 41)
        #expect(response.status.code == expected, "\(name): \(response.status.message)")
        #expect(response.dataVersion == Shared.snapshot.version)
        #expect(response.result == .none)
        #expect(!response.status.message.isEmpty)
        #expect(!revealsPath(response.status.message), "\(name) reveals a path: \(response.status.message)")
        for call in Self.callNames {
            #expect(!response.status.message.contains(call), "\(name): \(response.status.message)")
        }
    }

    @Test("every core code maps onto the wire code of the same gRPC name", arguments: LeagueErrorCode.allCases)
    func codeNames(code: LeagueErrorCode) {
        #expect(StatusCode(code).description == code.rawValue)
    }

    @Test("an answer ready after the request's deadline is DEADLINE_EXCEEDED; within it, answered")
    func deadline() {
        let request = Request(id: 3, deadlineMs: 50, call: .getTrust(GetTrustRequest(odsCode: "RP6")))
        let late = Shared.service.respond(to: request, receivedAt: .now - .seconds(1))
        #expect(late.id == 3)
        #expect(late.status.code == .deadlineExceeded)
        #expect(late.result == .none)
        let inTime = Shared.service.respond(to: Request(id: 4, deadlineMs: 60_000, call: request.call))
        #expect(inTime.status.code == .ok)
    }

    @Test(
        "connection-level errors: a wire error keeps its status on id 0; an unknown error is INTERNAL, without details")
    func connectionErrors() throws {
        let wire = try #require(throws: WireError.self) { try ProtobufCodec.decodeRequest([0x08, 0xFF]) }
        let answer = Shared.service.errorResponse(for: wire)
        #expect(answer.id == 0)
        #expect(answer.status == wire.status)
        #expect(answer.dataVersion == Shared.snapshot.version)
        struct Secret: Error {}
        let unknown = Shared.service.errorResponse(id: 9, for: Secret())
        #expect(unknown.id == 9)
        #expect(unknown.status.code == .internal)
        #expect(!unknown.status.message.contains("Secret"))
    }

    @Test("a failed reload throws a FAILED_PRECONDITION ServiceError and keeps serving the previous snapshot")
    func failedReload() async throws {
        let service = LeagueService(snapshot: Shared.snapshot, serverVersion: "test", logger: quietLogger)
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("nhs-league-none-\(UUID())")
        let error = await #expect(throws: ServiceError.self) { try await service.reload(from: missing) }
        #expect(error?.code == .reloadFailed)
        #expect(error?.leagueErrorCode == .failedPrecondition)
        #expect(service.currentDataVersion == Shared.snapshot.version)
        #expect(service.respond(to: Request(id: 1, call: .serverInfo)).status.code == .ok)
    }

    @Test("a dataset error keeps its code in an answer but not its text, which names files and lines")
    func dataErrorsNameNoFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nhs-league-broken-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "ods_code,name\n\"unterminated,,\n".write(
            to: directory.appendingPathComponent("trusts.csv"), atomically: true, encoding: .utf8)
        let error = try #require(throws: (any Error).self) { try LeagueSnapshot.load(from: directory) }
        // The error itself is for the operator: it says where.
        #expect(revealsPath("\(error)"))
        let answer = Shared.service.errorResponse(id: 5, for: error)
        #expect(answer.id == 5)
        #expect(answer.status.code == .failedPrecondition)
        #expect(!revealsPath(answer.status.message), "answer reveals a path: \(answer.status.message)")
        #expect(!answer.status.message.contains(directory.lastPathComponent))
    }
}

/// Whether `text` names a file: an absolute or relative path (`/tmp/x`, `./data`, `~/d`) or a
/// data file's name. ("Q1 2026/27" has a slash but is no path.)
func revealsPath(_ text: String) -> Bool {
    text.contains(#/(^|[\s"'(:=])(/|\./|\.\./|~/)[A-Za-z0-9._-]/#) || text.contains(".csv") || text.contains(".json")
}
