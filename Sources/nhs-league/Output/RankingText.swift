import LeagueWire

/// Words and numbers for one ranking, shared by every command that shows one.
enum RankingText {
    /// "4 of 134", "joint 127 of 134", or "not published".
    static func position(_ ranking: Ranking) -> String {
        guard let position = ranking.leaguePosition else { return "not published" }
        let size = ranking.tableSize > 0 ? " of \(ranking.tableSize)" : ""
        return (ranking.jointPosition ? "joint " : "") + "\(position)\(size)"
    }

    /// "1.56" or "not published".
    static func score(_ value: Double?) -> String {
        guard let value else { return "not published" }
        return format(value)
    }

    static func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        var text = String(scaled)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals == 1 { text += "0" }
        } else {
            text += ".00"
        }
        return text
    }

    /// "2", or "-" when not published (for narrow table cells).
    static func cell(_ value: UInt32?) -> String { value.map(String.init) ?? "-" }

    /// "segment 1 (highest performing)".
    static func segment(_ ranking: Ranking) -> String {
        guard let segment = ranking.segment else { return "not published" }
        let meaning = ranking.segmentMeaning.isEmpty ? "" : " - \(ranking.segmentMeaning)"
        // Segment 5 sits outside the 1-4 scale: it marks intensive support.
        return (segment == 5 ? "5" : "\(segment) of 4") + meaning
    }

    /// "up 2 places since Q4 2025/26", "no change since ...", or "".
    static func movement(_ movement: Movement?) -> String {
        guard let movement else { return "" }
        if !movement.summary.isEmpty { return movement.summary }
        guard let up = movement.positionsUp else { return "" }
        if up == 0 { return "no change since \(movement.previousQuarter)" }
        let places = abs(up) == 1 ? "place" : "places"
        return "\(up > 0 ? "up" : "down") \(abs(up)) \(places) since \(movement.previousQuarter)"
    }

    /// Short arrow for tables: "↑2", "↓3", "=" or "".
    static func arrow(_ movement: Movement?) -> String {
        guard let up = movement?.positionsUp else { return "" }
        return up > 0 ? "↑\(up)" : up < 0 ? "↓\(-up)" : "="
    }
}
