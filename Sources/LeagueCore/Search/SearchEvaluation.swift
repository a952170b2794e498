/// Offline evaluation of a `NameIndex` against labelled queries (see
/// `Tests/LeagueCoreTests/Resources/search_eval.csv`).
public enum SearchEvaluation {
    public struct Case: Sendable, Hashable {
        public var query: String
        public var expectedODSCode: String
        /// What kind of query it is (trust_name, hospital, abbreviation, town_hospital, ...).
        public var kind: String
        /// Where the expected code comes from: `trust:CODE`, `site:SITE`, `alias:ALIAS` or `successor:OLD`.
        public var evidence: String
    }

    public struct Miss: Sendable, Hashable {
        public var query: String
        public var expected: String
        public var kind: String
        /// The expected code's position (1-based) in the results, nil when absent.
        public var rank: Int?
        /// The codes returned first.
        public var top: [String]
    }

    public struct Report: Sendable {
        public var total: Int
        public var hitsAt1: Int
        public var hitsAt5: Int
        public var misses: [Miss]
        public var recallAt1: Double { total == 0 ? 0 : Double(hitsAt1) / Double(total) }
        public var recallAt5: Double { total == 0 ? 0 : Double(hitsAt5) / Double(total) }
        /// recall@1 by query kind.
        public var byKind: [String: (total: Int, at1: Int, at5: Int)]
    }

    /// Parses the evaluation CSV (header `query,expected_ods,kind,evidence`; no quoted commas).
    public static func parseCases(csv: String) -> [Case] {
        var cases: [Case] = []
        for (i, line) in csv.split(whereSeparator: \.isNewline).enumerated() where i > 0 {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, !f[0].isEmpty else { continue }
            cases.append(Case(query: f[0], expectedODSCode: f[1], kind: f[2], evidence: f[3]))
        }
        return cases
    }

    /// Runs every case with limit 5.
    public static func evaluate(_ index: NameIndex, cases: [Case]) -> Report {
        var at1 = 0, at5 = 0
        var misses: [Miss] = []
        var byKind: [String: (total: Int, at1: Int, at5: Int)] = [:]
        for c in cases {
            let codes = ((try? index.search(c.query, limit: 5))?.matches ?? []).map(\.odsCode)
            let rank = codes.firstIndex(of: c.expectedODSCode).map { $0 + 1 }
            var k = byKind[c.kind] ?? (0, 0, 0)
            k.total += 1
            if rank == 1 { at1 += 1; k.at1 += 1 }
            if rank != nil { at5 += 1; k.at5 += 1 }
            byKind[c.kind] = k
            if rank != 1 {
                misses.append(Miss(query: c.query, expected: c.expectedODSCode, kind: c.kind, rank: rank, top: codes))
            }
        }
        return Report(total: cases.count, hitsAt1: at1, hitsAt5: at5, misses: misses, byKind: byKind)
    }
}
