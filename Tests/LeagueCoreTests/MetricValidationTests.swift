import Testing

@testable import LeagueCore

/// The loader rejects metric files whose ranks, directions or references do not hold,
/// naming `file:line`.
@Suite("Metrics: validation")
struct MetricValidationTests {
    func issues(_ edit: (DatasetCopy) throws -> Void) throws -> [String] {
        let copy = try DatasetCopy()
        defer { copy.remove() }
        try edit(copy)
        return copy.issues()
    }

    @Test("a published rank that the values do not allow is rejected")
    func rankOutOfPlace() throws {
        let found = try issues { c in
            try c.editLine(
                "metric_values.csv", startingWith: "Q1 2025/26,acute,RVJ,OF0003,", replacing: ",0.36,12,",
                with: ",0.36,3,")
        }
        #expect(
            found.contains {
                $0.hasPrefix("metric_values.csv:") && $0.contains("Q1 2025/26 acute OF0003")
                    && $0.contains("do not order the values")
            })
    }

    @Test("a direction the ranks contradict is rejected")
    func wrongDirection() throws {
        var line = 0
        let found = try issues { c in
            line = try c.editLine(
                "metrics.csv", startingWith: "OF0013,2025/26,", replacing: ",higher_better,", with: ",lower_better,")
        }
        #expect(found.contains { $0.contains("the ranks say higher_better but metrics.csv says lower_better") })
        #expect(line > 1)
    }

    @Test("a rank_check that the values do not give is rejected at its line")
    func wrongRankCheck() throws {
        var line = 0
        let found = try issues { c in
            line = try c.editLine(
                "metric_values.csv", startingWith: "Q1 2025/26,acute,RVJ,OF0003,", replacing: ",unique,",
                with: ",tie_shared,")
        }
        #expect(found.contains("metric_values.csv:\(line): rank_check tie_shared but the values give unique"))
    }

    @Test("a metric missing from the catalogue, and a trust outside the table, are named")
    func references() throws {
        var line = 0
        let found = try issues { c in
            line = try c.editLine(
                "metric_values.csv", startingWith: "Q1 2025/26,acute,RVJ,OF0003,", replacing: ",RVJ,OF0003,",
                with: ",RRU,OF0003,")
        }
        #expect(found.contains("metric_values.csv:\(line): RRU is not in the Q1 2025/26 acute league table"))
        var line2 = 0
        let found2 = try issues { c in
            line2 = try c.editLine(
                "metric_values.csv", startingWith: "Q1 2025/26,acute,RVJ,OF0003,", replacing: ",OF0003,",
                with: ",OF9999,")
        }
        #expect(
            found2.contains("metric_values.csv:\(line2): metric OF9999 is not in metrics.csv for framework 2025/26"))
    }

    @Test("an unknown action source_type is rejected")
    func actionSourceType() throws {
        var line = 0
        let found = try issues { c in
            line = try c.line(in: "actions.csv", startingWith: "RJ2,")
            let text = try c.read("actions.csv")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var edited = lines
            edited[line - 1] = lines[line - 1].replacingOccurrences(of: ",board_papers_ai_summary", with: ",rumour")
            try c.write("actions.csv", edited.joined(separator: "\n"))
        }
        #expect(found.contains("actions.csv:\(line): source_type 'rumour' is not web_page or board_papers_ai_summary"))
    }
}

@Suite("Metrics: fast decimal parsing")
struct FastDecimalTests {
    @Test("the loader's fast decimal parser equals Double(String) on every number in metric_values.csv")
    func agreesOnTheWholeFile() throws {
        let copy = try DatasetCopy()
        defer { copy.remove() }
        let text = try copy.read("metric_values.csv")
        var checked = 0
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            for i in [6, 10, 11, 12, 13] where i < fields.count && !fields[i].isEmpty {
                let s = String(fields[i])
                #expect(Validator.fastDecimal(s) == Double(s), "\(s)")
                checked += 1
            }
        }
        #expect(checked > 40_000)
        for s in ["1e5", "1.2.3", "", "-", "12345678901234567"] { #expect(Validator.fastDecimal(s) == nil) }
        #expect(Validator.fastDecimal("-0.5") == -0.5)
    }
}
