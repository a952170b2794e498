/// Key of one metric's league: a quarter, a table and a metric id.
public struct MetricBlockKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var quarter: Quarter
    public var table: TableKind
    public var metricID: String
    public init(_ quarter: Quarter, _ table: TableKind, _ metricID: String) {
        self.quarter = quarter
        self.table = table
        self.metricID = metricID
    }
    public static func < (l: MetricBlockKey, r: MetricBlockKey) -> Bool {
        (l.quarter, l.table.sortIndex, l.metricID) < (r.quarter, r.table.sortIndex, r.metricID)
    }
    public var description: String { "\(quarter.label) \(table.rawValue) \(metricID)" }
}

/// The metric catalogue and every trust's metric values, with lookups built once.
///
/// Each value is held once, in its block; a trust's values are positions into the blocks
/// (`TrustMetricValues`). Holding them twice (by block and by trust) cost ~2.9 MB of the
/// server's resident memory for the snapshot's life.
public struct MetricStore: Sendable {
    /// Catalogue, by framework then id.
    public let definitions: [MetricDefinition]
    public let definitionsByKey: [MetricKey: MetricDefinition]
    /// Every (quarter, table, metric) block, rows by published rank (unranked last, then ODS code).
    public let blocks: [MetricBlockKey: [MetricValue]]
    /// Values per trust, oldest quarter first, then metric id.
    public let valuesByTrust: [String: TrustMetricValues]

    public init(definitions: [MetricDefinition] = [], values: [MetricValue] = []) {
        self.definitions = definitions.sorted { $0.key < $1.key }
        self.definitionsByKey = Dictionary(definitions.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var blocks: [MetricBlockKey: [MetricValue]] = [:]
        // Values arrive grouped by block (file order): append whole runs rather than hashing per row.
        var runStart = values.startIndex
        while runStart < values.endIndex {
            let first = values[runStart]
            var runEnd = runStart + 1
            while runEnd < values.endIndex, values[runEnd].quarter == first.quarter,
                values[runEnd].table == first.table,
                values[runEnd].metricID == first.metricID
            { runEnd += 1 }
            blocks[MetricBlockKey(first.quarter, first.table, first.metricID), default: []].append(
                contentsOf: values[runStart..<runEnd])
            runStart = runEnd
        }
        for k in blocks.keys {
            blocks[k]!.sort { ($0.rank ?? .max, $0.odsCode) < ($1.rank ?? .max, $1.odsCode) }
        }
        // The blocks in key order, shared (not copied) by every trust's list.
        let keys = blocks.keys.sorted()
        let rows = keys.map { blocks[$0]! }
        var positions: [String: [TrustMetricValues.Position]] = [:]
        for (b, block) in rows.enumerated() {
            for (r, v) in block.enumerated() {
                positions[v.odsCode, default: []].append(TrustMetricValues.Position(block: Int32(b), row: Int32(r)))
            }
        }
        var byTrust: [String: TrustMetricValues] = [:]
        byTrust.reserveCapacity(positions.count)
        for (code, var list) in positions {
            list.sort { a, b in
                let x = rows[Int(a.block)][Int(a.row)], y = rows[Int(b.block)][Int(b.row)]
                return (x.quarter, x.metricID) < (y.quarter, y.metricID)
            }
            byTrust[code] = TrustMetricValues(blocks: rows, positions: list)
        }
        self.blocks = blocks
        self.blockKeys = keys
        self.valuesByTrust = byTrust
    }

    public var isEmpty: Bool { definitions.isEmpty }

    /// One block's rows, by published rank.
    public func block(_ key: MetricBlockKey) -> [MetricValue] { blocks[key] ?? [] }

    /// Every block key, oldest quarter first (sorted once, in `init`).
    public let blockKeys: [MetricBlockKey]

    /// A trust's values, oldest quarter first, then metric id (empty when it has none).
    public func values(ofTrust odsCode: String) -> TrustMetricValues {
        valuesByTrust[odsCode] ?? TrustMetricValues(blocks: [], positions: [])
    }
}

/// One trust's metric values: positions into the store's blocks, read as a collection of values.
public struct TrustMetricValues: RandomAccessCollection, Sendable {
    /// Where a value is: its block (in `MetricStore.blockKeys` order) and its row there.
    struct Position: Sendable {
        var block: Int32
        var row: Int32
    }

    /// Every block's rows: one array shared by all trusts' lists.
    let blocks: [[MetricValue]]
    let positions: [Position]

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }
    public subscript(i: Int) -> MetricValue {
        let p = positions[i]
        return blocks[Int(p.block)][Int(p.row)]
    }

    /// The trust's value of `metricID` in `quarter` (the first, as `first(where:)` finds it),
    /// nil when there is none. A binary search: the list is sorted by quarter, then metric id,
    /// and a trust's metrics page asks this once per metric (previous quarter's value).
    public func value(quarter: Quarter, metricID: String) -> MetricValue? {
        let i = partitioningIndex { ($0.quarter, $0.metricID) >= (quarter, metricID) }
        guard i < endIndex, self[i].quarter == quarter, self[i].metricID == metricID else { return nil }
        return self[i]
    }
}

extension MetricStore {
    /// Row counts per metric and quarter, one line per metric, for `nhs-league-server check`:
    /// e.g. `OF0013 (2025/26) Patients seen in A&E within 4 hours: Q1 2025/26 acute 123 rows/123 ranked; ...`.
    public func rowCountLines(framework: (Quarter) -> String) -> [String] {
        definitions.map { d in
            let parts = blocks.keys
                .filter { $0.metricID == d.id && framework($0.quarter) == d.framework }
                .sorted()
                .map { k -> String in
                    let rows = blocks[k] ?? []
                    return
                        "\(k.quarter.label) \(k.table.rawValue) \(rows.count) rows/\(rows.filter { $0.rank != nil }.count) ranked"
                }
            return "\(d.id) (\(d.framework)) \(d.name): " + parts.joined(separator: "; ")
        }
    }
}
