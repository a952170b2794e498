/// An NHS financial-year quarter. Q1 = April-June, Q2 = July-September,
/// Q3 = October-December, Q4 = January-March of the next calendar year.
/// Ordered by time.
public struct Quarter: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Calendar year in which the financial year starts (2026 for 2026/27).
    public var fiscalYearStart: Int
    /// Quarter number, 1...4.
    public var number: Int

    /// Creates a quarter; `number` must be 1...4.
    public init(fiscalYearStart: Int, number: Int) {
        precondition((1...4).contains(number), "quarter number must be 1...4")
        self.fiscalYearStart = fiscalYearStart
        self.number = number
    }

    /// Financial year label, e.g. `2026/27`.
    public var fiscalYear: String {
        let next = (fiscalYearStart + 1) % 100
        return "\(fiscalYearStart)/\(next < 10 ? "0" : "")\(next)"
    }

    /// Canonical label, e.g. `Q1 2026/27`.
    public var label: String { "Q\(number) \(fiscalYear)" }

    public var description: String { label }

    /// First day of the quarter.
    public var periodStart: CalendarDate {
        switch number {
        case 1: return CalendarDate(year: fiscalYearStart, month: 4, day: 1)
        case 2: return CalendarDate(year: fiscalYearStart, month: 7, day: 1)
        case 3: return CalendarDate(year: fiscalYearStart, month: 10, day: 1)
        default: return CalendarDate(year: fiscalYearStart + 1, month: 1, day: 1)
        }
    }

    /// Last day of the quarter.
    public var periodEnd: CalendarDate {
        switch number {
        case 1: return CalendarDate(year: fiscalYearStart, month: 6, day: 30)
        case 2: return CalendarDate(year: fiscalYearStart, month: 9, day: 30)
        case 3: return CalendarDate(year: fiscalYearStart, month: 12, day: 31)
        default: return CalendarDate(year: fiscalYearStart + 1, month: 3, day: 31)
        }
    }

    /// The quarter before this one.
    public var previous: Quarter {
        number == 1
            ? Quarter(fiscalYearStart: fiscalYearStart - 1, number: 4)
            : Quarter(fiscalYearStart: fiscalYearStart, number: number - 1)
    }

    /// The quarter after this one.
    public var next: Quarter {
        number == 4
            ? Quarter(fiscalYearStart: fiscalYearStart + 1, number: 1)
            : Quarter(fiscalYearStart: fiscalYearStart, number: number + 1)
    }

    /// Parses labels such as `Q1 2026/27`, `2026/27 Q1`, `q1-2026-27`, `Q1 2026-27`,
    /// `2026-27-q1`, `Q1 FY2026/27`. The second year must follow the first (27 after 2026).
    /// Returns nil for anything else.
    public init?(parsing text: String) {
        let s = text.lowercased()
        // Quarter number: a "q" immediately followed by 1-4, not part of a longer number.
        var quarterNumber: Int?
        let chars = Array(s)
        for (idx, ch) in chars.enumerated() where ch == "q" && idx + 1 < chars.count {
            if let d = chars[idx + 1].wholeNumberValue, (1...4).contains(d),
                idx + 2 >= chars.count || !chars[idx + 2].isNumber
            {
                if quarterNumber != nil { return nil }
                quarterNumber = d
            }
        }
        guard let q = quarterNumber else { return nil }
        // Year pair: 4 digits, a separator (/ - _ or space), then 2 or 4 digits.
        var digitRuns: [String] = []
        var current = ""
        for (idx, ch) in chars.enumerated() {
            if ch.isNumber && !(idx > 0 && chars[idx - 1] == "q" && current.isEmpty) {
                current.append(ch)
            } else {
                if !current.isEmpty { digitRuns.append(current); current = "" }
            }
        }
        if !current.isEmpty { digitRuns.append(current) }
        guard digitRuns.count == 2, digitRuns[0].count == 4,
            let y1 = Int(digitRuns[0]), let y2 = Int(digitRuns[1])
        else { return nil }
        let ok = (digitRuns[1].count == 2 && y2 == (y1 + 1) % 100) || (digitRuns[1].count == 4 && y2 == y1 + 1)
        guard ok, y1 >= 1948, y1 <= 2200 else { return nil }
        self.init(fiscalYearStart: y1, number: q)
    }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool {
        (lhs.fiscalYearStart, lhs.number) < (rhs.fiscalYearStart, rhs.number)
    }
}
