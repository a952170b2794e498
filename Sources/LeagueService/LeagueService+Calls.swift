import Foundation
import LeagueCore
import LeagueWire
import Logging

extension LeagueService {
    /// The result of `call`, answered from `snapshot`, or the error explaining why not.
    func answer(_ call: Call, from snapshot: LeagueSnapshot) throws -> CallResult {
        let queries = snapshot.queries
        switch call {
        case .unset:
            throw UnimplementedCall()
        case .serverInfo:
            return .serverInfo(serverInfo(snapshot))
        case .getTrust(let request):
            let detail = try queries.detail(request.odsCode)
            var wire = TrustDetail()
            wire.trust = WireMapping.trust(detail.summary)
            wire.sites = detail.sites.map {
                WireMapping.listedSite($0, operators: snapshot.dataset.siteOperators[$0.siteCode])
            }
            wire.caveats = detail.caveats
            wire.mainHospitals = snapshot.dataset.mainSites(of: detail.summary.trust.odsCode).map {
                WireMapping.site($0, operators: snapshot.dataset.siteOperators[$0.siteCode])
            }
            wire.metricHighlights = Self.highlights(detail.summary.trust.odsCode, snapshot: snapshot)
            return .getTrust(wire)
        case .findTrusts(let request):
            return .findTrusts(try findTrusts(request, snapshot: snapshot))
        case .nearest(let request):
            return .nearest(try nearest(request, snapshot: snapshot))
        case .listActions(let request):
            let answer = try queries.actions(request.odsCode)
            var wire = ListActionsResult()
            wire.trust = WireMapping.trust(answer.summary)
            wire.actions = answer.actions.map(WireMapping.action)
            wire.summary = answer.text
            return .listActions(wire)
        case .leagueTable(let request):
            return .leagueTable(try leagueTable(request, queries: queries))
        case .trustHistory(let request):
            let history = try queries.history(request.odsCode)
            var wire = TrustHistoryResult()
            wire.trust = WireMapping.trust(history.summary)
            wire.rankings = history.rankings.map(WireMapping.ranking)
            if let note = history.summary.latestNote { wire.caveats.append(note) }
            return .trustHistory(wire)
        case .trustMetrics(let request):
            return .trustMetrics(try trustMetrics(request, snapshot: snapshot))
        case .metricTable(let request):
            return .metricTable(try metricTable(request, snapshot: snapshot))
        case .listMetrics(let request):
            return .listMetrics(try listMetrics(request, snapshot: snapshot))
        }
    }

    private func serverInfo(_ snapshot: LeagueSnapshot) -> ServerInfo {
        let dataset = snapshot.dataset
        var info = ServerInfo()
        info.serverVersion = serverVersion
        info.dataVersion = snapshot.version
        info.coverage = dataset.coverage.map { WireMapping.coverage($0, quarter: dataset.quarterInfo($0.quarter)) }
        info.trusts = UInt32(dataset.trusts.count)
        info.sites = UInt32(dataset.sites.count)
        info.postcodeSectors = UInt32(dataset.postcodeSectors.count)
        info.postcodeDistricts = UInt32(dataset.postcodeDistricts.count)
        info.actions = UInt32(dataset.actions.count)
        info.latestQuarter = dataset.latestQuarter?.label ?? ""
        info.loadedAt = ISO8601DateFormatter().string(from: snapshot.loadedAt)
        info.fullPostcodes = UInt32(snapshot.nearest.postcodes.fullPostcodes.count)
        info.attribution = Dataset.attribution
        info.metrics = UInt32(dataset.metrics.definitions.count)
        info.metricValues = UInt32(dataset.metrics.valuesByTrust.values.reduce(0) { $0 + $1.count })
        return info
    }

    private func leagueTable(_ request: LeagueTableRequest, queries: TrustQueries) throws -> LeagueTableResult {
        guard let table = WireMapping.tableKind(request.table) else {
            throw QueryError(.invalidArgument, "table must be TABLE_ACUTE, TABLE_NON_ACUTE or TABLE_AMBULANCE")
        }
        var quarter: Quarter?
        if !request.quarter.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let parsed = Quarter(parsing: request.quarter) else {
                throw QueryError(
                    .invalidArgument, "quarter \"\(request.quarter.prefix(40))\" is not like \"Q1 2026/27\"")
            }
            quarter = parsed
        }
        let page = try queries.leagueTable(
            LeagueTableQuery(
                table: table, quarter: quarter, segment: request.segment.map(Int.init),
                region: request.region.isEmpty ? nil : request.region, descending: request.descending,
                offset: Int(request.offset), limit: Int(request.limit)))
        var wire = LeagueTableResult()
        wire.quarter = page.quarter.label
        wire.table = WireMapping.table(page.table)
        wire.totalMatching = UInt32(page.totalMatching)
        wire.rows = page.rows.map { entry in
            var row = LeagueTableRow()
            row.trust = WireMapping.trust(entry.summary)
            row.ranking = WireMapping.ranking(entry.ranking)
            return row
        }
        wire.coverage = page.coverage.map { WireMapping.coverage($0, quarter: queries.dataset.quarterInfo($0.quarter)) }
        wire.availableQuarters = page.availableQuarters.map(\.label)
        return wire
    }
}
