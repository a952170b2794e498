/// `league_table`: one page of a quarter's table, filtered and ordered.
public struct LeagueTableQuery: Sendable, Hashable {
    public var table: TableKind
    /// nil = the newest quarter with data for the table.
    public var quarter: Quarter?
    public var segment: Int?
    /// NHS region, case-insensitive; nil = all.
    public var region: String?
    public var descending: Bool
    public var offset: Int
    /// 0 = default (20); at most 200.
    public var limit: Int

    public static let defaultLimit = 20
    public static let maxLimit = 200

    public init(
        table: TableKind, quarter: Quarter? = nil, segment: Int? = nil, region: String? = nil,
        descending: Bool = false, offset: Int = 0, limit: Int = 0
    ) {
        self.table = table
        self.quarter = quarter
        self.segment = segment
        self.region = region
        self.descending = descending
        self.offset = offset
        self.limit = limit
    }
}

public struct LeagueTableEntry: Sendable, Hashable {
    public var summary: TrustSummary
    public var ranking: RankingView
}

public struct LeagueTablePage: Sendable, Hashable {
    public var quarter: Quarter
    public var table: TableKind
    public var totalMatching: Int
    public var rows: [LeagueTableEntry]
    public var coverage: Coverage?
    public var availableQuarters: [Quarter]
}

extension TrustQueries {
    public func leagueTable(_ query: LeagueTableQuery) throws(QueryError) -> LeagueTablePage {
        let available = dataset.quarterTables.filter { $0.table == query.table }.map(\.quarter)
        guard let newest = available.max() else {
            throw QueryError(.notFound, "no \(query.table.rawValue) table in this dataset")
        }
        let quarter = query.quarter ?? newest
        guard available.contains(quarter) else {
            let list = available.map(\.label).joined(separator: ", ")
            throw QueryError(.notFound, "no \(query.table.rawValue) table for \(quarter.label); available: \(list)")
        }
        if let segment = query.segment, !(1...5).contains(segment) {
            throw QueryError(.invalidArgument, "segment must be 1 to 5, got \(segment)")
        }
        guard query.limit >= 0, query.limit <= LeagueTableQuery.maxLimit else {
            throw QueryError(
                .invalidArgument,
                "limit must be 1 to \(LeagueTableQuery.maxLimit) (0 for the default \(LeagueTableQuery.defaultLimit))")
        }
        guard query.offset >= 0 else { throw QueryError(.invalidArgument, "offset must not be negative") }
        var rows = dataset.table(query.table, quarter: quarter)
        if let segment = query.segment { rows = rows.filter { $0.segment == segment } }
        if let region = query.region?.trimmingCharacters(in: .whitespaces), !region.isEmpty {
            let wanted = Self.regionKey(region)
            let known = Set(rows.compactMap(\.nhsRegion))
            rows = rows.filter { $0.nhsRegion.map(Self.regionKey) == wanted }
            if rows.isEmpty, !known.contains(where: { Self.regionKey($0) == wanted }) {
                let names = Set(dataset.table(query.table, quarter: quarter).compactMap(\.nhsRegion)).sorted()
                throw QueryError(
                    .invalidArgument, "unknown NHS region \"\(region)\"; regions: \(names.joined(separator: ", "))")
            }
        }
        // Published order: by position (ties by score, then code, for a stable page).
        rows.sort {
            ($0.leaguePosition ?? .max, $0.averageMetricScore ?? .infinity, $0.odsCode) < (
                $1.leaguePosition ?? .max, $1.averageMetricScore ?? .infinity, $1.odsCode
            )
        }
        if query.descending { rows.reverse() }
        let limit = query.limit == 0 ? LeagueTableQuery.defaultLimit : query.limit
        let page = rows.dropFirst(query.offset).prefix(limit)
        // Validation guarantees every ranked code is a known trust.
        let entries = page.compactMap { row -> LeagueTableEntry? in
            guard let trust = dataset.trust(row.odsCode) else { return nil }
            let summary = summary(of: trust)
            // In the newest quarter the row is the trust's latest ranking, already explained.
            let ranking = summary.latest?.record == row ? summary.latest! : explainer.explain(row)
            return LeagueTableEntry(summary: summary, ranking: ranking)
        }
        return LeagueTablePage(
            quarter: quarter, table: query.table, totalMatching: rows.count, rows: entries,
            coverage: dataset.coverage(quarter: quarter, table: query.table),
            availableQuarters: available.sorted())
    }

    static func regionKey(_ region: String) -> String {
        region.lowercased().filter { $0.isLetter }
    }
}
