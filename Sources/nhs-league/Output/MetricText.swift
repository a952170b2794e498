import LeagueWire

/// Text for metric answers: value, rank, a small bar between best and worst, movement.
enum MetricText {
    /// A 9-cell bar with the trust's place between the best (left) and the worst (right):
    /// from the rank where ranked, else from the 1-4 metric score; "" when neither is known.
    static func bar(_ r: MetricResult, width: Int = 9) -> String {
        let fraction: Double
        if let rank = r.rank, let n = r.rankedCount, n > 1 {
            fraction = Double(rank - 1) / Double(n - 1)
        } else if let score = r.metricScore {
            fraction = (score - 1) / 3
        } else {
            return ""
        }
        let at = min(width - 1, max(0, Int((fraction * Double(width - 1)).rounded())))
        return "best " + String((0..<width).map { $0 == at ? "●" : "·" }) + " worst"
    }

    /// "higher" or "lower" (which values are better); nil when the ranks do not show it.
    static func better(_ direction: BetterWhen) -> String? {
        switch direction {
        case .higher: "higher"
        case .lower: "lower"
        case .unspecified: nil
        }
    }

    /// "rank 12 of 120" or "not ranked" (with the metric score where there is one).
    static func rank(_ r: MetricResult) -> String {
        if !r.rankText.isEmpty { return r.rankText }
        if r.value != nil, let s = r.metricScore { return "not ranked; score \(RankingText.format(s)) of 4" }
        return "not ranked"
    }

    /// "↑ better than in Q4 2025/26 (was 71.2, rank 40 of 120)" or "".
    static func movement(_ r: MetricResult) -> String {
        guard let m = r.movement else { return "" }
        let arrow: String
        switch m.improved {
        case true?: arrow = "↑ "
        case false?: arrow = "↓ "
        case nil: arrow = m.delta == 0 ? "= " : "→ "
        }
        return arrow + m.summary
    }

    /// Lines for one metric of a trust.
    static func lines(_ r: MetricResult, style: Style) -> [String] {
        let name = r.metric?.name ?? ""
        var out = ["  " + style.bold(TextLayout.wrap(name, indent: 2, firstLineUsed: 2))]
        var facts = [r.valueText, rank(r)]
        if !r.standingText.isEmpty { facts.append(r.standingText) }
        out.append("    " + TextLayout.wrap(facts.joined(separator: " · "), indent: 4, firstLineUsed: 4))
        let bar = bar(r)
        if !bar.isEmpty { out.append("    " + style.dim(bar)) }
        let move = movement(r)
        if !move.isEmpty { out.append("    " + TextLayout.wrap(move, indent: 4, firstLineUsed: 4)) }
        return out
    }

    /// The "where it does well / falls short" block of the trust answer.
    static func highlights(_ h: MetricStrengths, style: Style) -> [String] {
        var out: [String] = []
        func item(_ r: MetricResult) -> String {
            var text = "\(r.metric?.name ?? "") (\(r.valueText), \(rank(r))"
            if !r.standingText.isEmpty { text += ", " + r.standingText }
            return "  - " + TextLayout.wrap(text + ")", indent: 4, firstLineUsed: 4)
        }
        if !h.strongest.isEmpty {
            out.append(style.bold("Where it does well") + style.dim(" (metrics, \(h.quarter))"))
            out.append(contentsOf: h.strongest.map(item))
        }
        if !h.weakest.isEmpty {
            out.append(style.bold("Where it falls short") + style.dim(" (read its improvement actions against these)"))
            out.append(contentsOf: h.weakest.map(item))
        }
        if !out.isEmpty { out.append(style.dim("Source: " + h.sourceLine)) }
        return out
    }
}
