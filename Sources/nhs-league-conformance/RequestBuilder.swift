import LeagueWire

/// Builds a Swift `Call` from a case's call name and `field=value` arguments, using the
/// proto field names, so the Swift client's own encoding path is what gets tested.
enum RequestBuilder {
    static func call(for testCase: ConformanceCase) throws -> Call {
        var arguments = Arguments(testCase.arguments, where: testCase.location)
        let call: Call
        switch testCase.call {
        case "none":
            call = .unset
        case "server_info":
            call = .serverInfo
        case "get_trust":
            call = .getTrust(GetTrustRequest(odsCode: try arguments.string("ods_code")))
        case "trust_history":
            call = .trustHistory(TrustHistoryRequest(odsCode: try arguments.string("ods_code")))
        case "list_actions":
            call = .listActions(ListActionsRequest(odsCode: try arguments.string("ods_code")))
        case "find_trusts":
            call = .findTrusts(
                FindTrustsRequest(query: try arguments.string("query"), limit: try arguments.uint32("limit") ?? 0))
        case "nearest":
            var request = NearestRequest()
            request.postcode = try arguments.string("postcode")
            request.latitude = try arguments.double("latitude")
            request.longitude = try arguments.double("longitude")
            request.limit = try arguments.uint32("limit") ?? 0
            request.tables = try arguments.tables("tables")
            request.maxDistanceKm = try arguments.double("max_distance_km")
            call = .nearest(request)
        case "league_table":
            var request = LeagueTableRequest()
            request.table = try arguments.tables("table").first ?? .unspecified
            request.quarter = try arguments.string("quarter")
            request.segment = try arguments.uint32("segment")
            request.region = try arguments.string("region")
            request.descending = try arguments.bool("descending")
            request.offset = try arguments.uint32("offset") ?? 0
            request.limit = try arguments.uint32("limit") ?? 0
            call = .leagueTable(request)
        case "trust_metrics":
            var request = TrustMetricsRequest()
            request.odsCode = try arguments.string("ods_code")
            request.quarter = try arguments.string("quarter")
            call = .trustMetrics(request)
        case "metric_table":
            var request = MetricTableRequest()
            request.metric = try arguments.string("metric")
            request.quarter = try arguments.string("quarter")
            request.table = try arguments.tables("table").first ?? .unspecified
            request.region = try arguments.string("region")
            request.worstFirst = try arguments.bool("worst_first")
            request.offset = try arguments.uint32("offset") ?? 0
            request.limit = try arguments.uint32("limit") ?? 0
            call = .metricTable(request)
        case "list_metrics":
            var request = ListMetricsRequest()
            request.table = try arguments.tables("table").first ?? .unspecified
            request.quarter = try arguments.string("quarter")
            call = .listMetrics(request)
        default:
            throw RunnerError("\(testCase.location): unknown call `\(testCase.call)`")
        }
        try arguments.requireAllUsed()
        return call
    }

    /// Argument lookup that remembers what was used, so a misspelt field is an error.
    struct Arguments {
        var values: [String: String]
        var used: Set<String> = []
        let location: String

        init(_ pairs: [(key: String, value: String)], where location: String) {
            values = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            self.location = location
        }

        mutating func raw(_ key: String) -> String? {
            used.insert(key)
            return values[key]
        }

        mutating func string(_ key: String) throws -> String { raw(key) ?? "" }

        mutating func uint32(_ key: String) throws -> UInt32? {
            guard let text = raw(key) else { return nil }
            guard let value = UInt32(text) else { throw RunnerError("\(location): \(key)=\(text) is not a uint32") }
            return value
        }

        mutating func double(_ key: String) throws -> Double? {
            guard let text = raw(key) else { return nil }
            guard let value = Double(text) else { throw RunnerError("\(location): \(key)=\(text) is not a number") }
            return value
        }

        mutating func bool(_ key: String) throws -> Bool {
            guard let text = raw(key) else { return false }
            guard text == "true" || text == "false" else {
                throw RunnerError("\(location): \(key) must be true or false")
            }
            return text == "true"
        }

        /// Enum values by proto name (TABLE_ACUTE) or number; comma-separated when repeated.
        mutating func tables(_ key: String) throws -> [LeagueTableKind] {
            guard let text = raw(key) else { return [] }
            return try text.split(separator: ",").map { item in
                let names: [String: LeagueTableKind] = [
                    "TABLE_UNSPECIFIED": .unspecified, "TABLE_ACUTE": .acute,
                    "TABLE_NON_ACUTE": .nonAcute, "TABLE_AMBULANCE": .ambulance,
                ]
                if let kind = names[String(item)] { return kind }
                guard let number = Int32(item) else { throw RunnerError("\(location): unknown table `\(item)`") }
                // Unknown numbers cannot be represented by the Swift enum; send them as unspecified.
                return LeagueTableKind(rawValue: number) ?? .unspecified
            }
        }

        func requireAllUsed() throws {
            let unknown = Set(values.keys).subtracting(used)
            if !unknown.isEmpty { throw RunnerError("\(location): unknown fields \(unknown.sorted())") }
        }
    }
}
