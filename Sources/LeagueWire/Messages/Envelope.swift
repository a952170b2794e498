/// Swift mirrors of the `Request` / `Response` envelope in
/// `proto/nhs/league/v1/league.proto`. These plain `Sendable` values are what the
/// server and client libraries work with; `ProtobufCodec` converts them to and
/// from protobuf-c bytes.

/// gRPC-numbered status codes (`nhs.league.v1.Code`).
public enum StatusCode: Int32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case ok = 0
    case cancelled = 1
    case unknown = 2
    case invalidArgument = 3
    case deadlineExceeded = 4
    case notFound = 5
    case resourceExhausted = 8
    case failedPrecondition = 9
    case unimplemented = 12
    case `internal` = 13
    case unavailable = 14

    public var description: String {
        switch self {
        case .ok: "OK"
        case .cancelled: "CANCELLED"
        case .unknown: "UNKNOWN"
        case .invalidArgument: "INVALID_ARGUMENT"
        case .deadlineExceeded: "DEADLINE_EXCEEDED"
        case .notFound: "NOT_FOUND"
        case .resourceExhausted: "RESOURCE_EXHAUSTED"
        case .failedPrecondition: "FAILED_PRECONDITION"
        case .unimplemented: "UNIMPLEMENTED"
        case .internal: "INTERNAL"
        case .unavailable: "UNAVAILABLE"
        }
    }
}

/// `nhs.league.v1.Status`.
public struct Status: Sendable, Hashable, Encodable {
    public var code: StatusCode
    public var message: String
    public init(code: StatusCode, message: String = "") {
        self.code = code
        self.message = message
    }
    public static let ok = Status(code: .ok)
}

/// The `call` oneof of `Request`. `.unset` is a request with no call (for example
/// from a newer client whose call this server does not know): answered UNIMPLEMENTED.
public enum Call: Sendable, Hashable {
    case unset
    case serverInfo
    case getTrust(GetTrustRequest)
    case findTrusts(FindTrustsRequest)
    case nearest(NearestRequest)
    case listActions(ListActionsRequest)
    case leagueTable(LeagueTableRequest)
    case trustHistory(TrustHistoryRequest)
    case trustMetrics(TrustMetricsRequest)
    case metricTable(MetricTableRequest)
    case listMetrics(ListMetricsRequest)

    /// The proto field name of the call, for logs and errors.
    public var name: String {
        switch self {
        case .unset: "unset"
        case .serverInfo: "server_info"
        case .getTrust: "get_trust"
        case .findTrusts: "find_trusts"
        case .nearest: "nearest"
        case .listActions: "list_actions"
        case .leagueTable: "league_table"
        case .trustHistory: "trust_history"
        case .trustMetrics: "trust_metrics"
        case .metricTable: "metric_table"
        case .listMetrics: "list_metrics"
        }
    }
}

/// `nhs.league.v1.Request`.
public struct Request: Sendable, Hashable {
    public var id: UInt64
    /// Relative deadline in milliseconds; 0 = none.
    public var deadlineMs: UInt32
    public var call: Call
    public init(id: UInt64, deadlineMs: UInt32 = 0, call: Call) {
        self.id = id
        self.deadlineMs = deadlineMs
        self.call = call
    }
}

/// The `result` oneof of `Response`; set only when the status is OK.
public enum CallResult: Sendable, Hashable {
    case none
    case serverInfo(ServerInfo)
    case getTrust(TrustDetail)
    case findTrusts(FindTrustsResult)
    case nearest(NearestResult)
    case listActions(ListActionsResult)
    case leagueTable(LeagueTableResult)
    case trustHistory(TrustHistoryResult)
    case trustMetrics(TrustMetricsResult)
    case metricTable(MetricTableResult)
    case listMetrics(ListMetricsResult)
}

/// `nhs.league.v1.Response`.
public struct Response: Sendable, Hashable {
    public var id: UInt64
    public var status: Status
    public var dataVersion: String
    public var result: CallResult
    public init(id: UInt64, status: Status = .ok, dataVersion: String = "", result: CallResult = .none) {
        self.id = id
        self.status = status
        self.dataVersion = dataVersion
        self.result = result
    }
    /// An error answer (no result).
    public static func error(id: UInt64, _ code: StatusCode, _ message: String, dataVersion: String = "") -> Response {
        Response(id: id, status: Status(code: code, message: message), dataVersion: dataVersion)
    }
}
