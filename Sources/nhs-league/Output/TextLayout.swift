/// Plain-text layout for an 80-column terminal: aligned tables and wrapped paragraphs.
enum TextLayout {
    static let width = 80

    /// Aligns `rows` under `headers`. Columns listed in `flexible` shrink (with "…")
    /// so the whole table fits `width`; `rightAligned` columns are right-justified.
    static func table(
        headers: [String], rows: [[String]], flexible: Set<Int> = [], rightAligned: Set<Int> = [], indent: Int = 0
    ) -> String {
        let count = headers.count
        var widths = (0..<count).map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        let gap = 2
        var total = widths.reduce(0, +) + gap * (count - 1) + indent
        // Shrink flexible columns, widest first, until the table fits.
        while total > width, let widest = flexible.filter({ widths[$0] > 8 }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
            total -= 1
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let fitted = fit(cell, widths[column])
                let pad = String(repeating: " ", count: widths[column] - fitted.count)
                return rightAligned.contains(column) ? pad + fitted : fitted + pad
            }.joined(separator: String(repeating: " ", count: gap)).prefixed(by: indent)
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }

    /// Word-wraps `text` to `width`, indenting continuation lines by `indent` spaces.
    static func wrap(_ text: String, indent: Int = 0, firstLineUsed: Int = 0) -> String {
        var lines: [String] = []
        var current = ""
        var limit = width - firstLineUsed
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !current.isEmpty, current.count + 1 + word.count > limit {
                lines.append(current)
                current = ""
                limit = width - indent
            }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }

    static func fit(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }
}

extension String {
    fileprivate func prefixed(by spaces: Int) -> String {
        spaces == 0 ? self : String(repeating: " ", count: spaces) + self
    }
}
