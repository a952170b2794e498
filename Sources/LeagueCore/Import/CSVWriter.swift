import Foundation

/// Writes CSV exactly as the dataset converter (`tools/build_dataset.py`, Python `csv.writer`
/// with `QUOTE_MINIMAL` and `\n` line ends) does: a field is quoted only when it contains a
/// comma, a double quote, CR or LF; quotes inside are doubled; every line ends with LF.
public enum CSVWriter {
    public static func field(_ value: String) -> String {
        let needsQuotes = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func line(_ fields: [String]) -> String {
        // Python writes a lone empty field as "" so the line is not blank.
        if fields.count == 1 && fields[0].isEmpty { return "\"\"\n" }
        return fields.map(field).joined(separator: ",") + "\n"
    }

    public static func render(header: [String], rows: [[String]]) -> Data {
        var text = line(header)
        for r in rows { text += line(r) }
        return Data(text.utf8)
    }
}
