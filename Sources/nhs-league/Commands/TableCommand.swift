import ArgumentParser
import LeagueWire

/// `nhs-league table <acute|non-acute|ambulance>`: a page of a league table.
struct TableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Show a league table: best or worst first, by segment or region.",
        discussion: """
            Examples:
              nhs-league table acute --top 10
              nhs-league table acute --bottom 10
              nhs-league table non-acute --region London
              nhs-league table acute --segment 4 --quarter "Q4 2025/26"
            """
    )

    @Argument(help: "acute, non-acute (mental health and community) or ambulance.")
    var table: String

    @Option(help: "Show the N best-placed trusts.")
    var top: UInt32?

    @Option(help: "Show the N worst-placed trusts (worst first).")
    var bottom: UInt32?

    @Option(help: "Only trusts in this segment (1-5).")
    var segment: UInt32?

    @Option(help: "Only trusts in this NHS region, e.g. London, \"North West\".")
    var region: String?

    @Option(help: "Quarter, e.g. \"Q4 2025/26\" (default: the latest with data).")
    var quarter: String?

    @Option(help: "Skip this many rows (for paging).")
    var offset: UInt32 = 0

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard LeagueTableKind(userInput: table) != nil else {
            throw ValidationError("unknown table \"\(table)\": use acute, non-acute or ambulance")
        }
        if top != nil, bottom != nil { throw ValidationError("use --top or --bottom, not both") }
        for count in [top, bottom].compactMap({ $0 }) where !(1...200).contains(count) {
            throw ValidationError("--top and --bottom take 1 to 200")
        }
    }

    func run() async throws {
        try await reportingErrors {
            var request = LeagueTableRequest()
            request.table = LeagueTableKind(userInput: table) ?? .unspecified
            request.quarter = quarter ?? ""
            request.segment = segment
            request.region = region ?? ""
            request.descending = bottom != nil
            request.offset = offset
            request.limit = bottom ?? top ?? 200
            let result = try await connection.withClient { try await $0.leagueTable(request) }
            if connection.json { return JSONOutput.print(result) }
            let style = Style.current
            var title = "\(result.table.label.capitalizedFirst) league table, \(result.quarter)"
            if let coverage = result.coverage {
                title += " (\(coverage.withPosition) of \(coverage.tableSize) trusts ranked)"
            }
            print(style.bold(TextLayout.wrap(title)))
            let rows = result.rows.map { row in
                [
                    row.ranking.leaguePosition.map { (row.ranking.jointPosition ? "=" : "") + String($0) } ?? "-",
                    row.trust.odsCode, row.trust.name, RankingText.cell(row.ranking.segment),
                    row.ranking.averageMetricScore.map(RankingText.format) ?? "-",
                    RankingText.arrow(row.ranking.movement),
                ]
            }
            if rows.isEmpty {
                var what = "No \(result.table.name) trusts"
                if let segment { what += " in segment \(segment)" }
                if let region { what += " in the \(region) region" }
                print(what + " in \(result.quarter)" + (offset > 0 ? " past row \(offset)." : "."))
                return
            }
            print(
                TextLayout.table(
                    headers: ["Pos", "Code", "Trust", "Seg", "Score", "Move"], rows: rows, flexible: [2],
                    rightAligned: [0, 3, 4]))
            if result.rows.contains(where: \.ranking.jointPosition) {
                print(style.dim("= joint position (same segment and score)"))
            }
            let shown = result.rows.count
            if UInt32(shown) + offset < result.totalMatching {
                print(style.dim("\(shown) of \(result.totalMatching) matching trusts shown; use --offset to page."))
            }
        }
    }
}
