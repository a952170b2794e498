import Foundation

/// One record of a CSV file, with the 1-based physical line on which it starts.
public struct CSVRecord: Sendable, Equatable {
    /// 1-based physical line of the first character of the record (the header is line 1).
    public var line: Int
    /// The unquoted field values.
    public var fields: [String]
}

/// A problem found while splitting CSV text into records.
public struct CSVSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based physical line where the problem was found.
    public var line: Int
    /// What is wrong.
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// A small, strict RFC 4180 parser.
///
/// Why not yaslab/CSV.swift or SwiftCSV: the validator must report `file:line: what is wrong`
/// using the *physical* line (quoted fields may span lines) and must reject bad quoting
/// (a quote inside an unquoted field, text after a closing quote, an unterminated quote).
/// Neither library exposes physical line numbers, and both accept such malformed input
/// (CSV.swift's `CSVError` has no malformed-row case). The parser below works on UTF-8 bytes,
/// accepts LF and CRLF line ends, and an optional UTF-8 BOM.
public enum CSVParser {
    /// Result of parsing: the well-formed records, and one error per malformed record.
    /// A malformed record is skipped; parsing resumes at the next line.
    public struct Result: Sendable {
        public var records: [CSVRecord]
        public var errors: [CSVSyntaxError]
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// Parses UTF-8 CSV bytes. Blank lines are ignored (they still count as physical lines).
    public static func parse(_ data: Data) -> Result {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return bytes.withUnsafeBufferPointer { parse(buffer: $0) }
    }

    /// Parses a string (used by tests).
    public static func parse(_ text: String) -> Result { parse(Data(text.utf8)) }

    private static func parse(buffer b: UnsafeBufferPointer<UInt8>) -> Result {
        var records: [CSVRecord] = []
        var errors: [CSVSyntaxError] = []
        let n = b.count
        var i = 0
        var line = 1
        var fields: [String] = []
        fields.reserveCapacity(32)

        func makeString(_ start: Int, _ end: Int) -> String {
            if start >= end { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }

        // Skip to the end of the current physical line (after an error).
        func skipLine(_ i: inout Int, _ line: inout Int) {
            while i < n && b[i] != lf { i += 1 }
            if i < n { i += 1; line += 1 }
        }

        recordLoop: while i < n {
            let recordLine = line
            fields.removeAll(keepingCapacity: true)
            // Blank line (LF or CRLF only): skip.
            if b[i] == lf { i += 1; line += 1; continue }
            if b[i] == cr && i + 1 < n && b[i + 1] == lf { i += 2; line += 1; continue }

            fieldLoop: while true {
                if i < n && b[i] == quote {
                    // Quoted field.
                    i += 1
                    let start = i
                    var hasEscapes = false
                    var closed = false
                    let openLine = line
                    while i < n {
                        let c = b[i]
                        if c == quote {
                            if i + 1 < n && b[i + 1] == quote {
                                hasEscapes = true; i += 2; continue
                            }
                            closed = true; break
                        }
                        if c == lf { line += 1 }
                        i += 1
                    }
                    if !closed {
                        errors.append(
                            CSVSyntaxError(line: openLine, message: "malformed CSV: unterminated quoted field"))
                        break recordLoop
                    }
                    if hasEscapes {
                        var value: [UInt8] = []
                        value.reserveCapacity(i - start)
                        var k = start
                        while k < i {
                            value.append(b[k])
                            k += (b[k] == quote) ? 2 : 1
                        }
                        fields.append(String(decoding: value, as: UTF8.self))
                    } else {
                        fields.append(makeString(start, i))
                    }
                    i += 1  // closing quote
                    // After a closing quote: comma, line end or end of input.
                    if i >= n { break fieldLoop }
                    if b[i] == comma { i += 1; continue fieldLoop }
                    if b[i] == lf { i += 1; line += 1; break fieldLoop }
                    if b[i] == cr && i + 1 < n && b[i + 1] == lf { i += 2; line += 1; break fieldLoop }
                    errors.append(
                        CSVSyntaxError(line: line, message: "malformed CSV: unexpected character after a closing quote")
                    )
                    skipLine(&i, &line)
                    continue recordLoop
                } else {
                    let start = i
                    while i < n {
                        let c = b[i]
                        if c == comma || c == lf { break }
                        if c == cr && i + 1 < n && b[i + 1] == lf { break }
                        if c == quote {
                            errors.append(
                                CSVSyntaxError(line: line, message: "malformed CSV: quote inside an unquoted field"))
                            skipLine(&i, &line)
                            continue recordLoop
                        }
                        i += 1
                    }
                    fields.append(makeString(start, i))
                    if i >= n { break fieldLoop }
                    if b[i] == comma {
                        i += 1
                        if i >= n { fields.append(""); break fieldLoop }
                        continue fieldLoop
                    }
                    if b[i] == lf { i += 1 } else { i += 2 }
                    line += 1
                    break fieldLoop
                }
            }
            records.append(CSVRecord(line: recordLine, fields: fields))
        }
        return Result(records: records, errors: errors)
    }
}
