import ArgumentParser
import LeagueWire

/// `nhs-league metrics <trust>`: every published metric of a trust, by domain.
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Show every published metric of a trust: value, rank and where it stands, by domain.",
        discussion: """
            Examples:
              nhs-league metrics "north midlands"
              nhs-league metrics RXT --quarter "Q3 2025/26"
              nhs-league metrics "london ambulance" --json
            """
    )

    @Argument(help: "Trust or hospital name, abbreviation, or ODS code.")
    var words: [String]

    @Option(help: "Quarter, e.g. \"Q4 2025/26\" (default: the latest with metric data for the trust).")
    var quarter: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await reportingErrors {
            let result = try await connection.withClient { client in
                let resolution = try await TrustResolver.resolve(words.joined(separator: " "), using: client)
                return try await client.trustMetrics(resolution.odsCode, quarter: quarter ?? "")
            }
            if connection.json { return JSONOutput.print(result) }
            let style = Style.current
            print(style.bold("\(result.trust.name) (\(result.trust.odsCode))"))
            print(
                "Metrics for \(result.quarter), \(result.table.label) trusts"
                    + (result.quarterDefaulted ? " (latest with metric data)" : ""))
            if !result.note.isEmpty { print(style.yellow(TextLayout.wrap(result.note))) }
            for domain in result.domains {
                print("")
                print(style.bold(domain.name))
                for metric in domain.metrics { MetricText.lines(metric, style: style).forEach { print($0) } }
            }
            if !result.caveats.isEmpty {
                print("")
                print(style.bold("Keep in mind"))
                for c in result.caveats { print("  - " + TextLayout.wrap(c, indent: 4, firstLineUsed: 4)) }
            }
            print("")
            print(style.dim("Source: " + result.sourceLine + " (full provenance with --json)"))
        }
    }
}

/// `nhs-league metric "a&e 4 hour" --table acute --bottom 10`: one metric's league.
struct MetricCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metric",
        abstract: "Show one metric's league (by id or words), or list the metrics with --list.",
        discussion: """
            Examples:
              nhs-league metric "a&e 4 hour" --table acute --bottom 10
              nhs-league metric "ambulance response" --table ambulance
              nhs-league metric OF0003 --region London --quarter "Q4 2025/26"
              nhs-league metric --list --table ambulance
            """
    )

    @Argument(help: "Metric id (OF0013) or words (\"a&e 4 hour\", \"cancer\", \"52 weeks\").")
    var words: [String] = []

    @Option(help: "acute, non-acute or ambulance (default: the first table that publishes it).")
    var table: String?

    @Option(help: "Quarter, e.g. \"Q4 2025/26\" (default: the newest with the metric).")
    var quarter: String?

    @Option(help: "Only trusts in this NHS region.")
    var region: String?

    @Option(help: "Show the N best trusts.")
    var top: UInt32?

    @Option(help: "Show the N worst trusts (worst first).")
    var bottom: UInt32?

    @Option(help: "Skip this many rows (for paging).")
    var offset: UInt32 = 0

    @Flag(help: "List the metrics (optionally for --table and --quarter) instead.")
    var list = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if let table, LeagueTableKind(userInput: table) == nil {
            throw ValidationError("unknown table \"\(table)\": use acute, non-acute or ambulance")
        }
        if !list && words.isEmpty { throw ValidationError("name a metric (e.g. \"a&e 4 hour\") or use --list") }
        if top != nil, bottom != nil { throw ValidationError("use --top or --bottom, not both") }
        for count in [top, bottom].compactMap({ $0 }) where !(1...200).contains(count) {
            throw ValidationError("--top and --bottom take 1 to 200")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let kind = table.flatMap { LeagueTableKind(userInput: $0) } ?? .unspecified
            if list {
                var request = ListMetricsRequest()
                request.table = kind
                request.quarter = quarter ?? ""
                let result = try await connection.withClient { try await $0.listMetrics(request) }
                if connection.json { return JSONOutput.print(result) }
                let rows = result.metrics.map { m in
                    [m.id, m.framework, m.name, m.units, MetricText.better(m.betterWhen) ?? "-"]
                }
                print(
                    TextLayout.table(
                        headers: ["Id", "Framework", "Metric", "Units", "Better"], rows: rows, flexible: [2],
                        rightAligned: []))
                return
            }
            var request = MetricTableRequest()
            request.metric = words.joined(separator: " ")
            request.table = kind
            request.quarter = quarter ?? ""
            request.region = region ?? ""
            request.worstFirst = bottom != nil
            request.offset = offset
            request.limit = bottom ?? top ?? 20
            let result = try await connection.withClient { try await $0.metricTable(request) }
            if connection.json { return JSONOutput.print(result) }
            let style = Style.current
            let m = result.metric
            print(style.bold(TextLayout.wrap("\(m.name) (\(m.id)), \(result.table.label) trusts, \(result.quarter)")))
            print(TextLayout.wrap(m.explanation))
            var facts: [String] = []
            if let better = MetricText.better(m.betterWhen) { facts.append("\(better) is better") }
            if let med = result.median { facts.append("middle trust \(RankingText.format(med))") }
            if let lo = result.lowerQuartile, let hi = result.upperQuartile {
                facts.append("middle half \(RankingText.format(lo)) to \(RankingText.format(hi))")
            }
            if !facts.isEmpty { print(style.dim(TextLayout.wrap(facts.joined(separator: " · ")))) }
            let rows = result.rows.map { row in
                [
                    row.result.rank.map(String.init) ?? "-", row.odsCode, row.trustName, row.result.valueText,
                    MetricText.bar(row.result),
                ]
            }
            print(
                TextLayout.table(
                    headers: ["Rank", "Code", "Trust", "Value", ""], rows: rows, flexible: [2], rightAligned: [0, 3]))
            if UInt32(result.rows.count) + offset < result.totalMatching {
                print(style.dim("\(result.rows.count) of \(result.totalMatching) trusts shown; use --offset to page."))
            }
            print(style.dim(TextLayout.wrap("Ranks: " + result.ranks.summary)))
            if !result.otherMatches.isEmpty {
                print(style.dim(TextLayout.wrap("Also matched: " + result.otherMatches.joined(separator: "; "))))
            }
            for c in result.caveats { print(style.yellow(TextLayout.wrap("Note: " + c))) }
            print(style.dim("Source: " + result.sourceLine + " (full provenance with --json)"))
        }
    }
}
