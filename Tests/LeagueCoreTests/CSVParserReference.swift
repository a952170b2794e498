import Foundation

@testable import LeagueCore

/// The CSV parser as it was before it handed out byte ranges (a `String` per field), kept to
/// check that `CSVParser.scan` and the `parse` built on it read every input the same way.
enum CSVParserReference {
    /// Result of parsing: the well-formed records, and one error per malformed record.
    /// A malformed record is skipped; parsing resumes at the next line.
    typealias Result = CSVParser.Result

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// Parses UTF-8 CSV bytes. Blank lines are ignored (they still count as physical lines).
    static func parse(_ data: Data) -> Result {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return bytes.withUnsafeBufferPointer { parse(buffer: $0) }
    }

    /// Parses a string (used by tests).
    static func parse(_ text: String) -> Result { parse(Data(text.utf8)) }

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
