import Foundation

/// Minimal line-oriented CSV reading for the large, simple geographic files (Code-Point Open,
/// postcodes_full.csv): one record per physical line, fields optionally wrapped in double quotes
/// (a doubled quote inside a quoted field is an escaped quote), LF or CRLF line ends, optional BOM.
/// Quoted fields spanning lines are not supported (these files never have them).
enum GeoCSV {
    /// Calls `body(lineNumber, fields)` for every non-blank line (1-based physical line numbers).
    /// Stops early when `body` returns false.
    static func forEachLine(_ data: Data, _ body: (Int, [String]) -> Bool) {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
            var lineNumber = 0
            var fields: [String] = []
            fields.reserveCapacity(16)
            while start < bytes.count {
                lineNumber += 1
                var end = start
                while end < bytes.count, bytes[end] != 10 { end += 1 }
                var lineEnd = end
                if lineEnd > start, bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
                if lineEnd > start {
                    fields.removeAll(keepingCapacity: true)
                    split(UnsafeBufferPointer(rebasing: bytes[start..<lineEnd]), into: &fields)
                    if !body(lineNumber, fields) { return }
                }
                start = end + 1
            }
        }
    }

    static func split(_ line: UnsafeBufferPointer<UInt8>, into fields: inout [String]) {
        var i = 0
        let n = line.count
        while true {
            if i < n, line[i] == 34 {  // quoted
                var value: [UInt8] = []
                i += 1
                while i < n {
                    if line[i] == 34 {
                        if i + 1 < n, line[i + 1] == 34 { value.append(34); i += 2; continue }
                        i += 1
                        break
                    }
                    value.append(line[i]); i += 1
                }
                while i < n, line[i] != 44 { i += 1 }  // ignore stray text after the closing quote
                fields.append(String(decoding: value, as: UTF8.self))
            } else {
                let s = i
                while i < n, line[i] != 44 { i += 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[s..<i]), as: UTF8.self))
            }
            if i >= n { break }
            i += 1  // comma
            if i == n { fields.append(""); break }
        }
    }

    /// Quotes a field when needed.
    static func escape(_ field: String) -> String {
        if field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r") {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }

    /// Reads a header CSV file into dictionaries keyed by column name (small files only).
    static func readRecords(_ data: Data) -> [[String: String]] {
        var header: [String] = []
        var out: [[String: String]] = []
        forEachLine(data) { line, fields in
            if header.isEmpty { header = fields; return true }
            var row: [String: String] = [:]
            for (i, name) in header.enumerated() { row[name] = i < fields.count ? fields[i] : "" }
            out.append(row)
            return true
        }
        return out
    }
}
