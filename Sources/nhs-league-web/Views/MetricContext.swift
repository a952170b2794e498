import LeagueWire

/// Mustache contexts for the trust's strongest and weakest metrics (`metric_highlights`).
/// Keys are prefixed where a parent context has the same name, because mustache looks a
/// missing key up in the parents.
extension Context {
    static func metricHighlights(_ highlights: MetricStrengths) -> [String: Any] {
        [
            "quarter": highlights.quarter,
            "strongest": highlights.strongest.map(metric),
            "weakest": highlights.weakest.map(metric),
            "sourceLine": highlights.sourceLine,
        ]
    }

    static func metric(_ result: MetricResult) -> [String: Any] {
        var context: [String: Any] = [
            "metricName": result.metric?.name ?? "",
            "explanation": result.metric?.explanation ?? "",
            "valueText": result.valueText,
            "reportingPeriod": result.reportingPeriod,
            "rankText": result.rankText,
            "standingText": result.standingText,
            "metricMovement": result.movement?.summary ?? "",
        ]
        if let score = result.metricScore { context["metricScore"] = Words.score(score) }
        return context
    }
}
