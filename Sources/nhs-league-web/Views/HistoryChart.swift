import LeagueWire

/// A small inline-SVG line chart of a trust's league position over the quarters.
///
/// 1st is at the top. The chart is decorative for screen readers (`aria-hidden`): the
/// same numbers are in the table that follows it, which is its text alternative.
enum HistoryChart {
    static let width = 480.0
    static let height = 160.0
    private static let left = 34.0, right = 12.0, top = 12.0, bottom = 28.0

    /// The SVG markup, or nil when fewer than two quarters have a position.
    static func svg(_ rankings: [Ranking]) -> String? {
        let points = rankings.compactMap { ranking -> (String, UInt32, UInt32)? in
            guard let position = ranking.leaguePosition else { return nil }
            return (ranking.quarter, position, max(ranking.tableSize, position))
        }
        guard points.count >= 2 else { return nil }
        let worst = Double(points.map(\.2).max() ?? 1)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ index: Int) -> Double { left + plotWidth * Double(index) / Double(points.count - 1) }
        func y(_ position: UInt32) -> Double { top + plotHeight * (Double(position) - 1) / max(worst - 1, 1) }
        func number(_ value: Double) -> String { Words.oneDecimal(value) }

        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" aria-hidden=\"true\" focusable=\"false\">"
        // Axis labels: best and worst possible positions.
        svg += "<text x=\"\(number(left - 6))\" y=\"\(number(top + 4))\" text-anchor=\"end\">1st</text>"
        svg +=
            "<text x=\"\(number(left - 6))\" y=\"\(number(top + plotHeight + 4))\" text-anchor=\"end\">\(Int(worst))</text>"
        svg +=
            "<line class=\"axis\" x1=\"\(number(left))\" y1=\"\(number(top))\" x2=\"\(number(left))\" y2=\"\(number(top + plotHeight))\"/>"
        svg +=
            "<line class=\"axis\" x1=\"\(number(left))\" y1=\"\(number(top + plotHeight))\" x2=\"\(number(width - right))\" y2=\"\(number(top + plotHeight))\"/>"
        let line = points.enumerated().map { "\(number(x($0.offset))),\(number(y($0.element.1)))" }
        svg += "<polyline class=\"line\" points=\"\(line.joined(separator: " "))\"/>"
        for (index, point) in points.enumerated() {
            svg += "<circle class=\"dot\" cx=\"\(number(x(index)))\" cy=\"\(number(y(point.1)))\" r=\"4\"/>"
            let anchor = index == 0 ? "start" : index == points.count - 1 ? "end" : "middle"
            svg +=
                "<text x=\"\(number(x(index)))\" y=\"\(number(height - 8))\" text-anchor=\"\(anchor)\">\(escape(Words.shortQuarter(point.0)))</text>"
        }
        return svg + "</svg>"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
