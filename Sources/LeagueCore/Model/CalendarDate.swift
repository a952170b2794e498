/// A calendar date without time or time zone (ISO `yyyy-MM-dd`).
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses a strict ISO date `yyyy-MM-dd` (checks month length and leap years); nil otherwise.
    public init?(iso text: String) {
        // The canonical shape (every date in the dataset) is read from its bytes: `split` walks
        // Characters and cost ~5,600 instructions a date at load. Anything else takes the general path.
        if let date = CalendarDate(canonicalISO: text) {
            self = date
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= CalendarDate.daysIn(month: m, year: y)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `yyyy-MM-dd` in ASCII digits, valid; nil for any other text (which `init?(iso:)` then reads
    /// the general way, so both paths accept exactly the same dates).
    private init?(canonicalISO text: String) {
        var digits: (Int, Int, Int) = (0, 0, 0)
        let ok = text.utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
            func number(_ range: Range<Int>) -> Int? {
                var v = 0
                for i in range {
                    let d = b[i] &- UInt8(ascii: "0")
                    guard d < 10 else { return nil }
                    v = v * 10 + Int(d)
                }
                return v
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return false }
            digits = (y, m, d)
            return true
        }
        guard ok == true, (1...12).contains(digits.1), digits.2 >= 1,
            digits.2 <= CalendarDate.daysIn(month: digits.1, year: digits.0)
        else { return nil }
        self.init(year: digits.0, month: digits.1, day: digits.2)
    }

    /// Number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO form, e.g. `2026-03-31`.
    public var iso: String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
