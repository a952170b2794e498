import LeagueWire

/// One typed method per call the pages use, each returning the result and the dataset version.
extension LeagueGateway {
    struct Versioned<Value: Sendable>: Sendable {
        var value: Value
        var dataVersion: String
    }

    nonisolated func serverInfo() async throws(WebError) -> Versioned<ServerInfo> {
        try await typed(.serverInfo) { if case .serverInfo(let value) = $0 { value } else { nil } }
    }

    nonisolated func getTrust(_ odsCode: String) async throws(WebError) -> Versioned<TrustDetail> {
        try await typed(.getTrust(GetTrustRequest(odsCode: odsCode))) {
            if case .getTrust(let value) = $0 { value } else { nil }
        }
    }

    nonisolated func findTrusts(_ query: String, limit: UInt32) async throws(WebError) -> Versioned<FindTrustsResult> {
        try await typed(.findTrusts(FindTrustsRequest(query: query, limit: limit))) {
            if case .findTrusts(let value) = $0 { value } else { nil }
        }
    }

    nonisolated func nearest(_ request: NearestRequest) async throws(WebError) -> Versioned<NearestResult> {
        try await typed(.nearest(request)) { if case .nearest(let value) = $0 { value } else { nil } }
    }

    nonisolated func listActions(_ odsCode: String) async throws(WebError) -> Versioned<ListActionsResult> {
        try await typed(.listActions(ListActionsRequest(odsCode: odsCode))) {
            if case .listActions(let value) = $0 { value } else { nil }
        }
    }

    nonisolated func leagueTable(_ request: LeagueTableRequest) async throws(WebError) -> Versioned<LeagueTableResult> {
        try await typed(.leagueTable(request)) { if case .leagueTable(let value) = $0 { value } else { nil } }
    }

    nonisolated func trustHistory(_ odsCode: String) async throws(WebError) -> Versioned<TrustHistoryResult> {
        try await typed(.trustHistory(TrustHistoryRequest(odsCode: odsCode))) {
            if case .trustHistory(let value) = $0 { value } else { nil }
        }
    }

    /// Sends `call` and takes its result out of the `CallResult` case the call answers with.
    private nonisolated func typed<Value: Sendable>(
        _ call: Call, _ extract: (CallResult) -> Value?
    ) async throws(WebError) -> Versioned<Value> {
        let answer = try await self.call(call)
        guard let value = extract(answer.result) else {
            throw WebError(
                .badGateway, title: "Sorry, there is a problem with the service",
                message: "The league table service gave an answer we did not expect. Try again later.",
                code: .internal)
        }
        return Versioned(value: value, dataVersion: answer.dataVersion)
    }
}
