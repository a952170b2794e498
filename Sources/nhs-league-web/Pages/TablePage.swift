import Hummingbird
import LeagueWire

/// `/tables`: a league table with table, quarter, region and segment filters, sortable
/// columns and pages of 25. Tables are small (at most a few hundred trusts), so the
/// gateway fetches the filtered rows whole and sorts and pages them itself.
enum TablePage {
    static let pageSize = 25

    enum SortKey: String, CaseIterable {
        case position, name, region, segment, score
    }

    static func make(_ request: Request, _ site: WebSite) async throws(WebError) -> PageOutcome {
        let query = FormQuery(request)
        guard let table = Words.table(slug: query.get("table") ?? "") else {
            throw WebError.badRequest("Choose acute, non-acute or ambulance.")
        }
        let sort = SortKey(rawValue: query.get("sort") ?? "") ?? .position
        let descending = query.get("order") == "desc"
        let region = query.get("region") ?? ""
        var filter = LeagueTableRequest()
        filter.table = table
        filter.quarter = query.get("quarter") ?? ""
        filter.region = region
        if let text = query.get("segment"), !text.isEmpty {
            guard let segment = UInt32(text), (1...5).contains(segment) else {
                throw WebError.badRequest("Choose a segment from 1 to 5.")
            }
            filter.segment = segment
        }
        let requestedPage = max(Int(query.get("page") ?? "") ?? 1, 1)
        var result: LeagueGateway.Versioned<LeagueTableResult>
        let page: Int
        let pageCount: Int
        if sort == .position {
            // The server's own order: ask for just this page.
            var request = filter
            request.descending = descending
            request.limit = UInt32(pageSize)
            request.offset = UInt32((requestedPage - 1) * pageSize)
            result = try await site.gateway.leagueTable(request)
            pageCount = max(1, (Int(result.value.totalMatching) + pageSize - 1) / pageSize)
            page = min(requestedPage, pageCount)
            if page != requestedPage {
                request.offset = UInt32((page - 1) * pageSize)
                result = try await site.gateway.leagueTable(request)
            }
        } else {
            // Other columns: sort the whole filtered table here, then cut the page.
            result = try await fetchAll(filter, site)
            var rows = result.value.rows
            rows.sort(by: order(sort))
            if descending { rows.reverse() }
            pageCount = max(1, (rows.count + pageSize - 1) / pageSize)
            page = min(requestedPage, pageCount)
            result.value.rows = Array(rows.dropFirst((page - 1) * pageSize).prefix(pageSize))
        }
        let pageRows = result.value.rows
        // Every region in the table, for the filter (the filtered page may not show them all).
        let regionKey = "\(result.dataVersion)|\(table.protoName)|\(result.value.quarter)"
        let regions: [String]
        if let cached = await site.regions.get(regionKey) {
            regions = cached
        } else {
            var everything = filter
            everything.region = ""
            everything.segment = nil
            everything.quarter = result.value.quarter
            let rows = try await fetchAll(everything, site).value.rows
            regions = Set(rows.map(\.trust.region)).filter { !$0.isEmpty }.sorted()
            await site.regions.set(regionKey, regions)
        }

        func link(sort: SortKey? = nil, descending: Bool? = nil, page: Int? = nil) -> String {
            var parts = ["table=\(Words.tableSlug(table))"]
            if !filter.quarter.isEmpty { parts.append("quarter=\(Postcode.urlEncoded(filter.quarter))") }
            if !region.isEmpty { parts.append("region=\(Postcode.urlEncoded(region))") }
            if let segment = filter.segment { parts.append("segment=\(segment)") }
            let sortKey = sort ?? Self.SortKey(rawValue: query.get("sort") ?? "") ?? .position
            if sortKey != .position { parts.append("sort=\(sortKey.rawValue)") }
            if descending ?? (sort == nil ? query.get("order") == "desc" : false) { parts.append("order=desc") }
            if let page, page > 1 { parts.append("page=\(page)") }
            return "/tables?" + parts.joined(separator: "&")
        }

        let columns: [[String: Any]] = [
            (SortKey.position, "Position"), (.name, "Trust"), (.region, "Region"), (.segment, "Segment"),
            (.score, "Score"),
        ].map { key, label in
            let active = key == sort
            return [
                "label": label, "href": link(sort: key, descending: active ? !descending : false),
                "ariaSort": active ? (descending ? "descending" : "ascending") : "none",
                "active": active, "arrow": active ? (descending ? "▼" : "▲") : "",
            ]
        }
        var context: [String: Any] = [
            "tableTitle": Words.tableTitle(table),
            "quarter": result.value.quarter,
            "total": result.value.totalMatching,
            "columns": columns,
            "rows": pageRows.map { row -> [String: Any] in
                var context = Context.trust(row.trust)
                context["ranking"] = Context.ranking(row.ranking)
                return context
            },
            "tableOptions": [LeagueTableKind.acute, .nonAcute, .ambulance].map {
                ["value": Words.tableSlug($0), "label": Words.tableTitle($0), "selected": $0 == table] as [String: Any]
            },
            "quarterOptions": result.value.availableQuarters.map {
                ["value": $0, "label": $0, "selected": $0 == result.value.quarter] as [String: Any]
            },
            "regionOptions": regions.map { ["value": $0, "selected": $0 == region] as [String: Any] },
            "segmentOptions": (1...5).map {
                ["value": $0, "selected": UInt32($0) == filter.segment] as [String: Any]
            },
            "sortValue": sort.rawValue,
            "descending": descending,
            "page": page,
            "pageCount": pageCount,
        ]
        if page > 1 {
            context["previous"] = link(page: page - 1)
            context["previousPage"] = page - 1
        }
        if page < pageCount {
            context["next"] = link(page: page + 1)
            context["nextPage"] = page + 1
        }
        if let coverage = result.value.coverage, coverage.withPosition < coverage.tableSize {
            context["gap"] =
                "\(coverage.tableSize - coverage.withPosition) of \(coverage.tableSize) trusts have no published position this quarter."
        }
        let json = result.value
        return .page(
            Page(
                template: "table", title: "League table: \(Words.tableTitle(table)), \(json.quarter)", context: context,
                json: { json.jsonString() }, dataVersion: result.dataVersion))
    }

    /// Rows sorted by one column; unpublished values go last, then by position.
    private static func order(_ key: SortKey) -> (LeagueTableRow, LeagueTableRow) -> Bool {
        func position(_ row: LeagueTableRow) -> UInt32 { row.ranking.leaguePosition ?? .max }
        return { a, b in
            switch key {
            case .position: return (position(a), a.trust.name) < (position(b), b.trust.name)
            case .name: return a.trust.name < b.trust.name
            case .region: return (a.trust.region, position(a)) < (b.trust.region, position(b))
            case .segment: return (a.ranking.segment ?? .max, position(a)) < (b.ranking.segment ?? .max, position(b))
            case .score:
                return (a.ranking.averageMetricScore ?? .infinity, position(a))
                    < (b.ranking.averageMetricScore ?? .infinity, position(b))
            }
        }
    }

    /// Every row matching `filter`, fetched in pages of 200 (the protocol's maximum).
    private static func fetchAll(_ filter: LeagueTableRequest, _ site: WebSite) async throws(WebError)
        -> LeagueGateway.Versioned<LeagueTableResult>
    {
        var request = filter
        request.limit = 200
        var first = try await site.gateway.leagueTable(request)
        while first.value.rows.count < first.value.totalMatching {
            request.offset = UInt32(first.value.rows.count)
            let next = try await site.gateway.leagueTable(request)
            if next.value.rows.isEmpty { break }
            first.value.rows += next.value.rows
        }
        return first
    }
}
