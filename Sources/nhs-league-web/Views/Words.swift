import LeagueWire

/// Plain-English words and numbers for the pages (aimed at a reading age of about 9).
enum Words {
    /// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ...
    static func ordinal(_ value: UInt32) -> String {
        let tens = value % 100
        let suffix =
            (11...13).contains(tens)
            ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][Int(value % 10)]
        return "\(value)\(suffix)"
    }

    /// "acute trusts", "mental health and community trusts", "ambulance trusts".
    static func tablePlural(_ table: LeagueTableKind) -> String {
        switch table {
        case .acute: "acute trusts"
        case .nonAcute: "mental health and community trusts"
        case .ambulance: "ambulance trusts"
        case .unspecified: "trusts"
        }
    }

    /// "Acute", "Mental health and community", "Ambulance".
    static func tableTitle(_ table: LeagueTableKind) -> String {
        switch table {
        case .acute: "Acute (hospital) trusts"
        case .nonAcute: "Mental health and community trusts"
        case .ambulance: "Ambulance trusts"
        case .unspecified: "Trusts"
        }
    }

    /// The URL word for a table: "acute", "non-acute", "ambulance".
    static func tableSlug(_ table: LeagueTableKind) -> String {
        switch table {
        case .acute, .unspecified: "acute"
        case .nonAcute: "non-acute"
        case .ambulance: "ambulance"
        }
    }

    static func table(slug: String) -> LeagueTableKind? {
        switch slug.lowercased() {
        case "acute", "": .acute
        case "non-acute", "nonacute", "mental-health": .nonAcute
        case "ambulance": .ambulance
        default: nil
        }
    }

    /// "joint 4th of 134 acute trusts, April to June 2026", or nil when no position is published.
    static func rankSentence(_ ranking: Ranking) -> String? {
        guard let position = ranking.leaguePosition else { return nil }
        var text = (ranking.jointPosition ? "joint " : "") + ordinal(position)
        if ranking.tableSize > 0 { text += " of \(ranking.tableSize)" }
        text += " " + tablePlural(ranking.table)
        if !ranking.period.isEmpty { text += ", " + ranking.period }
        return text
    }

    /// "4th" or "joint 4th", or "-" in tables.
    static func shortPosition(_ ranking: Ranking) -> String {
        guard let position = ranking.leaguePosition else { return "-" }
        return (ranking.jointPosition ? "joint " : "") + ordinal(position)
    }

    /// What a segment means for a patient. Segments 1-4 come from the trust's scores;
    /// 5 marks the trusts in NHS England's Recovery Support Programme.
    static func segmentExplanation(_ segment: UInt32) -> String {
        switch segment {
        case 1: "Segment 1 is for trusts with the best results. They need the least help from NHS England."
        case 2: "Segment 2 is for trusts with good results in most areas, but some things to improve."
        case 3: "Segment 3 is for trusts with problems in some areas. They get extra help from NHS England."
        case 4: "Segment 4 is for trusts with serious problems. They get the most help from NHS England."
        case 5: "Segment 5 is for trusts that get intensive help through NHS England's Recovery Support Programme."
        default: "This segment is not one NHS England publishes."
        }
    }

    /// "2.43", two decimals.
    static func score(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// "1.4", one decimal.
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// "up 2 places since Q4 2025/26" and friends.
    static func movement(_ movement: Movement?) -> String? {
        guard let movement else { return nil }
        if !movement.summary.isEmpty { return movement.summary }
        guard let up = movement.positionsUp else { return nil }
        if up == 0 { return "no change since \(movement.previousQuarter)" }
        return "\(up > 0 ? "up" : "down") \(abs(up)) place\(abs(up) == 1 ? "" : "s") since \(movement.previousQuarter)"
    }

    /// "Q1 25/26" for chart labels.
    static func shortQuarter(_ quarter: String) -> String {
        let parts = quarter.split(separator: " ")
        guard parts.count == 2, parts[1].count == 7 else { return quarter }
        return "\(parts[0]) \(parts[1].dropFirst(2))"
    }
}
