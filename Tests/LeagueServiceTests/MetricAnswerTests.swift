import LeagueCore
import LeagueService
import LeagueWire
import Testing

/// The metric calls through the service, checked against the dataset on the whole
/// population: every (quarter, table, metric) block, every trust with metric data.
@Suite("Metric answers from the real dataset")
struct MetricAnswerTests {
    static let blocks: [MetricBlockKey] = Shared.dataset.metrics.blockKeys
    static let trustsWithMetrics: [String] = Shared.dataset.metrics.valuesByTrust.keys.sorted()

    static func wireTable(_ table: TableKind) -> LeagueTableKind {
        switch table {
        case .acute: .acute
        case .nonAcute: .nonAcute
        case .ambulance: .ambulance
        }
    }

    @Test("metric_table: every block answers with the published rows, values and ranks", arguments: blocks)
    func metricTable(block: MetricBlockKey) {
        let request = MetricTableRequest(
            metric: block.metricID, quarter: block.quarter.label, table: Self.wireTable(block.table),
            limit: UInt32(MetricQueries.maxLimit))
        let response = ask(.metricTable(request))
        guard case .metricTable(let result) = response.result else {
            Issue.record("\(block): \(response.status)")
            return
        }
        #expect(result.metric.id == block.metricID && result.quarter == block.quarter.label)
        let published = Shared.dataset.metrics.block(block)
        #expect(result.totalMatching == UInt32(published.count))
        let byCode = Dictionary(uniqueKeysWithValues: published.map { ($0.odsCode, $0) })
        for row in result.rows {
            let value = byCode[row.odsCode]
            #expect(value != nil, "\(block): \(row.odsCode) is not in the block")
            #expect(row.result.value == value?.value && row.result.rank == value?.rank.map(UInt32.init))
            if let rank = row.result.rank, let count = row.result.rankedCount {
                #expect(row.result.rankText == "rank \(rank) of \(count)")
            }
        }
        #expect(result.sourceLine == "NHS England, NHS Oversight Framework trust data, \(block.quarter.label)")
    }

    @Test(
        "trust_metrics: every trust with metric data, its latest metric quarter, every row",
        arguments: trustsWithMetrics)
    func trustMetrics(code: String) {
        let response = ask(.trustMetrics(TrustMetricsRequest(odsCode: code)))
        guard case .trustMetrics(let result) = response.result else {
            Issue.record("\(code): \(response.status)")
            return
        }
        let values = Shared.dataset.metrics.values(ofTrust: code)
        let latest = values.map(\.quarter).max()
        #expect(result.trust.odsCode == code && result.quarter == latest?.label && result.quarterDefaulted)
        let rows = result.domains.flatMap(\.metrics)
        #expect(rows.count == values.filter { $0.quarter == latest }.count)
        #expect(rows.allSatisfy { $0.metric != nil && $0.quarter == result.quarter })
        #expect(result.availableQuarters == Set(values.map(\.quarter)).sorted().map(\.label))
    }

    @Test("get_trust: metric highlights exactly for the trusts with metric data, at most three each way")
    func highlights() {
        for code in Shared.trustCodes {
            guard case .getTrust(let detail) = ask(.getTrust(GetTrustRequest(odsCode: code))).result else {
                Issue.record("\(code): no get_trust result")
                continue
            }
            #expect((detail.metricHighlights != nil) == (Shared.snapshot.metrics.highlights(code) != nil), "\(code)")
            if let h = detail.metricHighlights {
                #expect(h.strongest.count <= 3 && h.weakest.count <= 3 && !h.strongest.isEmpty)
                #expect(h.quarter == Shared.dataset.metrics.valuesByTrust[code]?.map(\.quarter).max()?.label)
            }
        }
    }

    @Test("list_metrics: the whole catalogue unfiltered; per table, exactly the metrics it publishes")
    func listMetrics() {
        guard case .listMetrics(let all) = ask(.listMetrics(ListMetricsRequest())).result else {
            Issue.record("no list_metrics result")
            return
        }
        #expect(all.metrics.count == Shared.dataset.metrics.definitions.count)
        for table in TableKind.allCases {
            let wire = Self.wireTable(table)
            guard case .listMetrics(let some) = ask(.listMetrics(ListMetricsRequest(table: wire))).result else {
                Issue.record("no list_metrics result for \(table)")
                continue
            }
            #expect(some.metrics.allSatisfy { $0.tables.contains(wire) })
            #expect(some.metrics.count == all.metrics.filter { $0.tables.contains(wire) }.count)
        }
    }
}
