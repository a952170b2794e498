import LeagueWire

/// One typed method per call the pages use, each returning the result and the dataset version.
extension LeagueGateway {
    struct Versioned<Value: Sendable>: Sendable {
        var value: Value
        var dataVersion: String
    }

    nonisolated func serverInfo() async throws(WebError) -> Versioned<ServerInfo> {
        let answer = try await call(.serverInfo)
        guard case .serverInfo(let value) = answer.result else { throw Self.mismatch }
        return Versioned(value: value, dataVersion: answer.dataVersion)
    }

    nonisolated func getTrust(_ odsCode: String) async throws(WebError) -> Versioned<TrustDetail> {
        let answer = try await call(.getTrust(GetTrustRequest(odsCode: odsCode)))
        guard case .getTrust(let value) = answer.result else { throw Self.mismatch }
        return Versioned(value: value, dataVersion: answer.dataVersion)
    }

    nonisolated func findTrusts(_ query: String, limit: UInt32) async throws(WebError) -> Versioned<FindTrustsResult> {
        let answer = try await call(.findTrusts(FindTrustsRequest(query: query, limit: limit)))
        guard case .findTrusts(let value) = answer.result else { throw Self.mismatch }
        return Versioned(value: value, dataVersion: answer.dataVersion)
    }

    nonisolated func nearest(_ request: NearestRequest) async throws(WebError) -> Versioned<NearestResult> {
        let answer = try await call(.nearest(request))
        guard case .nearest(let value) = answer.result else { throw Self.mismatch }
        return Versioned(value: value, dataVersion: answer.dataVersion)
    }

    nonisolated func listActions(_ odsCode: String) async throws(WebError) -> Versioned<ListActionsResult> {
        let answer = try await call(.listActions(ListActionsRequest(odsCode: odsCode)))
        guard case .listActions(let value) = answer.result else { throw Self.mismatch }
        return Versioned(value: value, dataVersion: answer.dataVersion)
    }

    nonisolated func leagueTable(_ request: LeagueTableRequest) async throws(WebError) -> Versioned<LeagueTableResult> {
        let answer = try await call(.leagueTable(request))
        guard case .leagueTable(let value) = answer.result else { throw Self.mismatch }
        return Versioned(value: value, dataVersion: answer.dataVersion)
    }

    nonisolated func trustHistory(_ odsCode: String) async throws(WebError) -> Versioned<TrustHistoryResult> {
        let answer = try await call(.trustHistory(TrustHistoryRequest(odsCode: odsCode)))
        guard case .trustHistory(let value) = answer.result else { throw Self.mismatch }
        return Versioned(value: value, dataVersion: answer.dataVersion)
    }

    private static var mismatch: WebError {
        WebError(
            .badGateway, title: "Sorry, there is a problem with the service",
            message: "The league table service gave an answer we did not expect. Try again later.",
            code: .internal)
    }
}
