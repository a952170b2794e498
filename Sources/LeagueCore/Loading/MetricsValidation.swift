import Foundation

// Validation of `metrics.csv` (the catalogue) and `metric_values.csv` (see the data README).
// Every problem is reported as `file:line: what is wrong`; the published ranks must re-derive
// from the published values, and each metric's direction must agree with every ranked block.
extension Validator {
    /// What the metric files are checked against (built earlier in `build`).
    struct MetricContext {
        var quarterInfos: [Quarter: QuarterInfo]
        var domainKeys: Set<String>  // "set|key"
        /// Every league-table row.
        var rankedTrusts: Set<TrustInTable>
    }

    /// A trust's row in one quarter's table (a cheap hashable key, built once per row).
    struct TrustInTable: Hashable {
        var quarter: Quarter
        var table: TableKind
        var odsCode: String
    }

    mutating func buildMetricStore(contents: [String: Data], context: MetricContext) -> MetricStore {
        let definitions = metricCatalogue(contents, context)
        let values = metricValues(contents, context, definitions: definitions)
        return MetricStore(definitions: Array(definitions.values.map(\.definition)), values: values)
    }

    // MARK: metrics.csv

    private mutating func metricCatalogue(_ contents: [String: Data], _ context: MetricContext) -> [MetricKey: (
        definition: MetricDefinition, line: Int
    )] {
        let file = "metrics.csv"
        var result: [MetricKey: (definition: MetricDefinition, line: Int)] = [:]
        guard
            let t = table(
                contents, file,
                required: [
                    "metric_id", "framework", "kind", "name", "explanation", "units", "units_note",
                    "direction", "direction_evidence", "domain", "description_as_published",
                    "score_metric_id", "continues_metric_id", "tables", "quarters", "source",
                ])
        else { return result }
        for row in rows(t) {
            guard let id = required(row, "metric_id"), let framework = required(row, "framework"),
                let kindText = required(row, "kind"), let name = required(row, "name"),
                let explanation = required(row, "explanation"), let units = required(row, "units"),
                let domain = required(row, "domain"), let source = required(row, "source")
            else { continue }
            let key = MetricKey(framework: framework, id: id)
            if let first = result[key] { issue(row, "duplicate metric \(key) (first on line \(first.line))"); continue }
            guard let kind = MetricKind(rawValue: kindText) else {
                issue(row, "kind '\(kindText)' is not value or score_only"); continue
            }
            var direction: MetricDirection?
            if let d = row.opt("direction") {
                direction = MetricDirection(rawValue: d)
                if direction == nil { issue(row, "direction '\(d)' is not higher_better or lower_better") }
            }
            if !context.domainKeys.contains(framework + "|" + domain) {
                issue(row, "unknown domain '\(domain)' for framework \(framework)")
            }
            var tables: [TableKind] = []
            for word in row.text("tables").split(separator: " ") {
                if let tk = TableKind(parsing: String(word)) {
                    tables.append(tk)
                } else {
                    issue(row, "unknown table '\(word)'")
                }
            }
            var quarters: [Quarter] = []
            let labels = row.text("quarters").split(separator: " ")
            var i = 0
            while i + 1 < labels.count {  // labels are "Q1 2025/26": two words each
                let label = "\(labels[i]) \(labels[i + 1])"
                if let q = quarter(label), let info = context.quarterInfos[q] {
                    if info.domainSet != framework {
                        issue(row, "quarter \(label) uses framework \(info.domainSet), not \(framework)")
                    }
                    quarters.append(q)
                } else {
                    issue(row, "unknown quarter '\(label)'")
                }
                i += 2
            }
            if labels.count % 2 != 0 || quarters.isEmpty {
                issue(row, "quarters '\(row.text("quarters"))' is not a list of quarter labels")
            }
            let def = MetricDefinition(
                key: key, kind: kind, name: name, explanation: explanation, units: units,
                unitsNote: row.opt("units_note"),
                direction: direction, directionEvidence: row.text("direction_evidence"), domainKey: domain,
                domainAsPublished: row.text("domain_as_published"),
                subDomainAsPublished: row.text("sub_domain_as_published"),
                descriptionAsPublished: row.text("description_as_published"), scoreMetricID: row.opt("score_metric_id"),
                continuesMetricID: row.opt("continues_metric_id"), tables: tables, quarters: quarters, source: source)
            result[key] = (def, row.line)
        }
        for (key, entry) in result {
            if let prev = entry.definition.continuesMetricID, result[MetricKey(framework: "2025/26", id: prev)] == nil {
                issue(file, entry.line, "\(key) continues \(prev), which is not a 2025/26 metric")
            }
        }
        return result
    }

    // MARK: metric_values.csv

    private mutating func metricValues(
        _ contents: [String: Data], _ context: MetricContext,
        definitions: [MetricKey: (definition: MetricDefinition, line: Int)]
    ) -> [MetricValue] {
        let file = "metric_values.csv"
        guard
            let t = table(
                contents, file,
                required: [
                    "quarter", "table", "ods_code", "metric_id", "reporting_date", "units", "value",
                    "rank", "ranked_count", "rank_check", "median", "lower_quartile",
                    "upper_quartile", "metric_score",
                ])
        else { return [] }
        var values: [MetricValue] = []
        var lines: [Int] = []
        values.reserveCapacity(t.rows.count)
        lines.reserveCapacity(t.rows.count)
        // Rows come sorted by block: remember the last catalogue entry instead of hashing its key per row.
        var last: (quarter: Quarter, id: String, definition: MetricDefinition?)?
        // Column positions resolved once: 13,500 rows x 14 columns of name lookups are a measurable
        // share of the cold load (`Row.text` hashes the column name on every call).
        let c = MetricColumns(t.columns)
        for row in rows(t) {
            let f = row
            guard let qLabel = c.text(f, c.quarter) ?? required(row, "quarter"),
                let tLabel = c.text(f, c.table) ?? required(row, "table"),
                let rawCode = c.text(f, c.ods) ?? required(row, "ods_code"),
                let id = c.text(f, c.metric) ?? required(row, "metric_id")
            else { continue }
            guard let q = quarter(qLabel), let info = context.quarterInfos[q] else {
                issue(row, "unknown quarter '\(qLabel)'"); continue
            }
            // The canonical spelling first: `TableKind(parsing:)` folds case and letters, slow per row.
            guard let tk = TableKind(rawValue: tLabel) ?? TableKind(parsing: tLabel) else {
                issue(row, "unknown table '\(tLabel)'"); continue
            }
            let code = Dataset.normaliseCode(rawCode)
            let def: MetricDefinition?
            if let l = last, l.quarter == q, l.id == id {
                def = l.definition
            } else {
                def = definitions[MetricKey(framework: info.domainSet, id: id)]?.definition
                last = (q, id, def)
            }
            guard let def else {
                issue(row, "metric \(id) is not in metrics.csv for framework \(info.domainSet)"); continue
            }
            let inTable = TrustInTable(quarter: q, table: tk, odsCode: code)
            if !context.rankedTrusts.contains(inTable) {
                issue(row, "\(code) is not in the \(q.label) \(tk.rawValue) league table")
            }
            // Numbers are read from the fields' bytes; strings are made of the fields kept as text.
            let value = decimal(row, at: c.value, "value"), rank = int(row, at: c.rank, "rank")
            let score = decimal(row, at: c.score, "metric_score")
            if let s = score, !(1.0...4.0).contains(s) {
                issue(row, "metric score \(row.text("metric_score")) outside 1.0-4.0")
            }
            if rank != nil && value == nil { issue(row, "rank without a value") }
            if def.kind == .scoreOnly && (value != nil || score == nil) {
                issue(row, "score-only metric \(id) needs a metric_score and no value")
            }
            if let r = rank, r < 1 { issue(row, "rank \(r) is less than 1") }
            var check: RankCheck?
            if let text = c.text(f, c.rankCheck) {
                check = RankCheck(rawValue: text)
                if check == nil { issue(row, "rank_check '\(text)' is not unique, tie_shared or tie_split") }
            }
            if (check == nil) != (rank == nil) { issue(row, "rank_check must be given exactly when a rank is") }
            values.append(
                MetricValue(
                    quarter: q, table: tk, odsCode: code, metricID: id, reportingDate: c.text(f, c.reportingDate),
                    units: c.text(f, c.units),
                    value: value, valueText: c.text(f, c.value), rank: rank,
                    rankedCount: int(row, at: c.rankedCount, "ranked_count"), rankCheck: check,
                    median: decimal(row, at: c.median, "median"),
                    lowerQuartile: decimal(row, at: c.lower, "lower_quartile"),
                    upperQuartile: decimal(row, at: c.upper, "upper_quartile"), metricScore: score))
            lines.append(row.line)
        }
        let (seenQuarters, seenTables) = checkMetricBlocks(
            values: values, lines: lines, context: context, definitions: definitions)
        // Catalogue coverage must match the rows.
        for (key, entry) in definitions {
            let d = entry.definition
            if Set(d.quarters) != seenQuarters[key, default: []] {
                issue(
                    "metrics.csv", entry.line,
                    "\(key): quarters '\(d.quarters.map(\.label).joined(separator: " "))' do not match metric_values.csv"
                )
            }
            if Set(d.tables) != seenTables[key, default: []] {
                issue(
                    "metrics.csv", entry.line,
                    "\(key): tables '\(d.tables.map(\.rawValue).joined(separator: " "))' do not match metric_values.csv"
                )
            }
        }
        return values
    }

    /// No trust twice in a block; ranks re-derive from values; ranked_count is right; direction agrees
    /// with every block. Returns the quarters and tables each metric covers.
    private mutating func checkMetricBlocks(
        values: [MetricValue], lines: [Int], context: MetricContext,
        definitions: [MetricKey: (definition: MetricDefinition, line: Int)]
    )
        -> (quarters: [MetricKey: Set<Quarter>], tables: [MetricKey: Set<TableKind>])
    {
        var blocks: [MetricBlockKey: [Int]] = [:]
        var lastKey: MetricBlockKey?
        var current: [Int] = []
        for (i, v) in values.enumerated() {  // rows are grouped by block: append runs, not single rows
            let k = MetricBlockKey(v.quarter, v.table, v.metricID)
            if k != lastKey {
                if let lk = lastKey { blocks[lk, default: []].append(contentsOf: current) }
                lastKey = k
                current = []
            }
            current.append(i)
        }
        if let lk = lastKey { blocks[lk, default: []].append(contentsOf: current) }
        var quarters: [MetricKey: Set<Quarter>] = [:]
        var tables: [MetricKey: Set<TableKind>] = [:]
        var informative: Set<MetricKey> = []
        for (bk, idx) in blocks.sorted(by: { $0.key < $1.key }) {
            guard let set = context.quarterInfos[bk.quarter]?.domainSet,
                let entry = definitions[MetricKey(framework: set, id: bk.metricID)]
            else { continue }
            quarters[entry.definition.key, default: []].insert(bk.quarter)
            tables[entry.definition.key, default: []].insert(bk.table)
            var lineOf: [String: Int] = [:]
            for i in idx {
                if let first = lineOf[values[i].odsCode] {
                    issue(
                        "metric_values.csv", lines[i],
                        "duplicate value for \(values[i].odsCode) \(bk.metricID) in \(bk.quarter.label) (first on line \(first))"
                    )
                } else {
                    lineOf[values[i].odsCode] = lines[i]
                }
            }
            let ranked = idx.filter { values[$0].rank != nil && values[$0].value != nil }
            let firstLine = idx.map { lines[$0] }.min() ?? 0
            for i in idx where values[i].rankedCount != (ranked.isEmpty ? nil : ranked.count) {
                issue(
                    "metric_values.csv", lines[i],
                    "ranked_count \(values[i].rankedCount.map(String.init) ?? "blank") but \(ranked.count) ranked rows in \(bk)"
                )
            }
            guard !ranked.isEmpty else { continue }
            let pairs = ranked.map { (rank: values[$0].rank!, value: values[$0].value!) }
            switch MetricRankDerivation.direction(of: pairs) {
            case .failure(let inv):
                issue(
                    "metric_values.csv", firstLine,
                    "\(bk): published ranks do not order the values (rank \(inv.previousRank) = \(inv.previousValue), rank \(inv.rank) = \(inv.value))"
                )
            case .success(let shown):
                if let shown {
                    informative.insert(entry.definition.key)
                    if shown != entry.definition.direction {
                        issue(
                            "metric_values.csv", firstLine,
                            "\(bk): the ranks say \(shown.rawValue) but metrics.csv says \(entry.definition.direction?.rawValue ?? "no direction")"
                        )
                        continue
                    }
                }
                let checks = MetricRankDerivation.checks(ranked: pairs, direction: shown)
                for (n, i) in ranked.enumerated() {
                    guard let c = checks[n] else {
                        issue(
                            "metric_values.csv", lines[i],
                            "rank \(values[i].rank!) does not re-derive from value \(values[i].value!) in \(bk)")
                        continue
                    }
                    if c != values[i].rankCheck {
                        issue(
                            "metric_values.csv", lines[i],
                            "rank_check \(values[i].rankCheck?.rawValue ?? "blank") but the values give \(c.rawValue)")
                    }
                }
            }
        }
        // A direction must rest on ranks: its own, or (one-trust blocks only) the metric it continues.
        for (key, entry) in definitions where entry.definition.direction != nil && !informative.contains(key) {
            let prev = entry.definition.continuesMetricID.flatMap {
                definitions[MetricKey(framework: "2025/26", id: $0)]?.definition
            }
            if prev == nil || prev?.direction != entry.definition.direction {
                issue(
                    "metrics.csv", entry.line,
                    "\(key): direction \(entry.definition.direction!.rawValue) is not shown by any published ranks")
            }
        }
        return (quarters, tables)
    }

    /// A decimal column, as `double(_:_:)` but fast for the plain `-12.345` form every metric value
    /// has: exact Clinger fast path (an integer mantissa below 2^53 divided by an exact power of ten
    /// is correctly rounded), falling back to `Double(String)` for anything else.
    mutating func decimal(_ row: Row, at i: Int, _ col: String) -> Double? { double(row, at: i, col) }

    static let exactPowersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { a, _ in a * 10 } }

    static func fastDecimal(_ text: String) -> Double? { fastDecimal(text.utf8) }

    /// `fastDecimal` of UTF-8 bytes (a CSV field's, read in place).
    static func fastDecimal<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Double? {
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, negative = false, seenPoint = false
        var utf8 = bytes.makeIterator()
        var first = true
        while let b = utf8.next() {
            if first && b == UInt8(ascii: "-") { negative = true; first = false; continue }
            first = false
            if b == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            digits += 1
            guard digits <= 15 else { return nil }
            mantissa = mantissa * 10 + UInt64(b - UInt8(ascii: "0"))
            if seenPoint { fraction += 1 }
        }
        guard digits > 0, fraction <= 22 else { return nil }
        let v = Double(mantissa) / exactPowersOfTen[fraction]
        return negative ? -v : v
    }
}

extension Validator {
    /// `source_type` of an `actions.csv` row; blank is allowed (older datasets), anything else must be known.
    mutating func actionSourceType(_ row: Row) -> ActionSourceType? {
        guard let t = row.opt("source_type") else { return nil }
        guard let s = ActionSourceType(rawValue: t) else {
            issue(row, "source_type '\(t)' is not web_page or board_papers_ai_summary"); return nil
        }
        return s
    }
}

/// Positions of the `metric_values.csv` columns (all required, so present once `table` succeeded).
struct MetricColumns {
    let quarter, table, ods, metric, reportingDate, units, value, rank, rankedCount, rankCheck, median, lower, upper,
        score: Int

    init(_ columns: [String: Int]) {
        quarter = columns["quarter"] ?? -1
        table = columns["table"] ?? -1
        ods = columns["ods_code"] ?? -1
        metric = columns["metric_id"] ?? -1
        reportingDate = columns["reporting_date"] ?? -1
        units = columns["units"] ?? -1
        value = columns["value"] ?? -1
        rank = columns["rank"] ?? -1
        rankedCount = columns["ranked_count"] ?? -1
        rankCheck = columns["rank_check"] ?? -1
        median = columns["median"] ?? -1
        lower = columns["lower_quartile"] ?? -1
        upper = columns["upper_quartile"] ?? -1
        score = columns["metric_score"] ?? -1
    }

    /// Trimmed text of a field; nil when blank or absent.
    func text(_ row: Row, _ i: Int) -> String? { row.opt(at: i) }
}
