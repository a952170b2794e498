import Foundation
import Testing

@testable import LeagueCore

@Suite struct QuarterTests {
    @Test(arguments: [
        ("Q1 2026/27", 2026, 1), ("2026/27 Q1", 2026, 1), ("q1-2026-27", 2026, 1), ("Q4 2025/26", 2025, 4),
        ("q3 2025-26", 2025, 3), ("2025/2026 Q2", 2025, 2), (" Q2 FY2025/26 ", 2025, 2),
    ])
    func parsesLabels(text: String, year: Int, number: Int) throws {
        let q = try #require(Quarter(parsing: text))
        #expect(q.fiscalYearStart == year)
        #expect(q.number == number)
    }

    @Test(arguments: ["", "Q5 2025/26", "Q1 2025/27", "2025/26", "Q1", "Q12 2025/26", "Q1 Q2 2025/26", "hello"])
    func rejectsBadLabels(text: String) {
        #expect(Quarter(parsing: text) == nil)
    }

    @Test func labelAndPeriods() {
        #expect(Quarter.q1_2627.label == "Q1 2026/27")
        #expect(Quarter.q4_2526.periodStart.iso == "2026-01-01")
        #expect(Quarter.q4_2526.periodEnd.iso == "2026-03-31")
        #expect(Quarter.q2_2526.periodEnd.iso == "2025-09-30")
        #expect(Quarter.q4_2526.next == .q1_2627)
        #expect(Quarter.q1_2627.previous == .q4_2526)
    }

    @Test func ordersByTime() {
        let shuffled: [Quarter] = [.q1_2627, .q3_2526, .q1_2526, .q4_2526, .q2_2526]
        #expect(shuffled.sorted() == [.q1_2526, .q2_2526, .q3_2526, .q4_2526, .q1_2627])
    }
}

@Suite struct TableKindTests {
    @Test(arguments: [
        ("acute", TableKind.acute), ("Acute", .acute), ("non-acute", .nonAcute), ("Non Acute", .nonAcute),
        ("nonacute", .nonAcute), ("non-acute (mental health and community)", .nonAcute),
        ("mental-health-and-community", .nonAcute), ("ambulance", .ambulance), ("AMBULANCE", .ambulance),
    ])
    func parses(text: String, kind: TableKind) {
        #expect(TableKind(parsing: text) == kind)
    }

    @Test(arguments: ["", "hospital", "acutes and others"])
    func rejects(text: String) {
        #expect(TableKind(parsing: text) == nil)
    }
}

@Suite struct CSVParserTests {
    @Test func quotedFieldsAndPhysicalLines() {
        let r = CSVParser.parse("a,b\n\"x, y\",\"multi\nline\"\n\"q\"\"uote\",\n")
        #expect(r.errors.isEmpty)
        #expect(r.records.map(\.line) == [1, 2, 4])
        #expect(r.records[1].fields == ["x, y", "multi\nline"])
        #expect(r.records[2].fields == ["q\"uote", ""])
    }

    @Test func crlfAndBOM() {
        let r = CSVParser.parse(Data([0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n".utf8)))
        #expect(r.errors.isEmpty)
        #expect(r.records.map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test(arguments: [
        ("a,b\n1,x\"y\n2,3\n", 2, "malformed CSV: quote inside an unquoted field"),
        ("a,b\n\"1\"x,2\n2,3\n", 2, "malformed CSV: unexpected character after a closing quote"),
        ("a,b\n1,2\n\"3,4\n", 3, "malformed CSV: unterminated quoted field"),
    ])
    func malformed(text: String, line: Int, message: String) {
        let r = CSVParser.parse(text)
        #expect(r.errors == [CSVSyntaxError(line: line, message: message)])
    }

    @Test func recoversAfterBadLine() {
        let r = CSVParser.parse("a,b\n1,x\"y\n2,3\n")
        #expect(r.records.map(\.line) == [1, 3])
    }
}

@Suite struct HashTests {
    @Test func fnv1aKnownValues() {
        var h = FNV1a64()
        #expect(h.hex == "cbf29ce484222325")
        h.update(Array("a".utf8))
        #expect(h.hex == "af63dc4c8601ec8c")
    }
}
