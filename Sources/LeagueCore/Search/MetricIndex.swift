import Foundation

/// Finds metrics by id ("OF0013") or by words ("a&e 4 hour", "cancer", "ambulance response",
/// "52 weeks"), using the same word normalisation as trust search (`SearchNormalizer`).
///
/// Small on purpose: a few dozen catalogue entries, scanned linearly. Words match exactly, by a
/// shared stem (plural "s", "hours" ~ "hour") or within one edit for words of five letters or more.
public struct MetricIndex: Sendable {
    /// One searchable metric id (both frameworks' names and descriptions pooled).
    struct Entry: Sendable {
        var id: String
        var nameTokens: Set<String>
        var otherTokens: Set<String>
        /// Rows published for the metric (tie-break: the more widely published metric first).
        var rows: Int
        var displayName: String
    }

    /// Everyday words mapped to the words the metric names use.
    static let metricSynonyms: [String: String] = [
        "four": "4", "twelve": "12", "hrs": "hour", "hr": "hour", "mins": "minute", "min": "minute",
        "wk": "week", "wks": "week", "weeks": "week", "hours": "hour", "days": "day", "minutes": "minute",
        "ae": "aande", "emergency": "aande", "casualty": "aande", "ed": "aande",
        "waiting": "wait", "waits": "wait", "waited": "wait", "infections": "infection",
        "cat": "category", "cat2": "category", "c2": "category",
    ]

    let entries: [Entry]

    public init(store: MetricStore) {
        var byID: [String: Entry] = [:]
        var rows: [String: Int] = [:]
        for (k, v) in store.blocks { rows[k.metricID, default: 0] += v.count }
        for d in store.definitions {
            var e =
                byID[d.id]
                ?? Entry(id: d.id, nameTokens: [], otherTokens: [], rows: rows[d.id] ?? 0, displayName: d.name)
            // Names: ours and NHS England's published description count fully; the rest less.
            e.nameTokens.formUnion(Self.tokens(d.name + " " + d.descriptionAsPublished))
            e.otherTokens.formUnion(Self.tokens(d.explanation + " " + d.subDomainAsPublished + " " + d.units))
            e.otherTokens.insert(d.id.lowercased())
            if d.framework > (store.definitions.first { $0.id == d.id && $0.framework != d.framework }?.framework ?? "")
            {
                e.displayName = d.name
            }
            byID[d.id] = e
        }
        entries = byID.values.sorted { $0.id < $1.id }
    }

    /// Normalised words; "a&e" (a, and, e) becomes one word so that "a&e", "A and E" and "ae" meet.
    static func tokens(_ text: String) -> [String] {
        let raw = SearchNormalizer.tokens(text)
        var out: [String] = []
        var i = 0
        while i < raw.count {
            if i + 2 < raw.count, raw[i] == "a", raw[i + 1] == "and", raw[i + 2] == "e" {
                out.append("aande"); i += 3; continue
            }
            let w = raw[i]
            out.append(metricSynonyms[w] ?? w)
            i += 1
        }
        return out.filter { !SearchNormalizer.isWeak($0) || $0 == "care" }
    }

    /// How well `word` matches one of `tokens` (1 exact, 0.85 one edit, 0.8 stem/prefix, 0 none).
    static func match(_ word: String, _ tokens: Set<String>) -> Double {
        if tokens.contains(word) { return 1 }
        var best = 0.0
        for t in tokens {
            if word.count >= 3, t.hasPrefix(word) || (t.count >= 3 && word.hasPrefix(t) && word.count - t.count <= 2) {
                best = max(best, 0.8)
            } else if word.count >= 5, t.count >= 5, let d = EditDistance.distance(word, t, bound: 1), d <= 1 {
                best = max(best, 0.85)
            }
        }
        return best
    }

    /// A metric id with its score for a query.
    public struct Hit: Sendable, Hashable {
        public var id: String
        public var score: Double
        /// True when every word of the query matched.
        public var isComplete: Bool
    }

    /// Metric ids matching `query`, best first. An exact id ("OF0013", "of0013") is a complete hit of its own.
    public func search(_ query: String) -> [Hit] {
        let trimmed = query.trimmingCharacters(in: .whitespaces).uppercased()
        if let e = entries.first(where: { $0.id == trimmed }) { return [Hit(id: e.id, score: 10, isComplete: true)] }
        let words = Self.tokens(query)
        guard !words.isEmpty else { return [] }
        // Word scores per entry, and a rarity weight per word (a word most metrics share, like
        // "wait", says less than "cancer").
        let scores = entries.map { e in
            words.map { w in max(Self.match(w, e.nameTokens), Self.match(w, e.otherTokens) * 0.7) }
        }
        let n = Double(entries.count)
        let weights = words.indices.map { i -> Double in
            let df = Double(scores.filter { $0[i] > 0 }.count)
            return 1 + log((n + 1) / (df + 1))
        }
        let weightSum = weights.reduce(0, +)
        var hits: [(Hit, Int)] = []
        for (e, s) in zip(entries, scores) {
            let matched = s.filter { $0 > 0 }.count
            guard matched > 0 else { continue }
            let total = zip(s, weights).map { $0 * $1 }.reduce(0, +)
            hits.append((Hit(id: e.id, score: total / weightSum, isComplete: matched == words.count), e.rows))
        }
        hits.sort { ($0.0.isComplete ? 1 : 0, $0.0.score, $0.1) > ($1.0.isComplete ? 1 : 0, $1.0.score, $1.1) }
        return hits.map(\.0)
    }

    /// Names to suggest for a query that matched nothing completely ("did you mean").
    public func suggestions(_ query: String, limit: Int = 3) -> [String] {
        let partial = search(query).prefix(limit).compactMap { h in
            entries.first { $0.id == h.id }.map { "\($0.displayName) (\($0.id))" }
        }
        return Array(partial)
    }
}
