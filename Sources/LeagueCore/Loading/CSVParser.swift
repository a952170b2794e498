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
        let scanned = scan(data)
        let records = scanned.records.map { r in
            CSVRecord(line: r.line, fields: (0..<r.count).map { scanned.string(r.first + $0) })
        }
        return Result(records: records, errors: scanned.errors)
    }

    /// Parses a string (used by tests).
    public static func parse(_ text: String) -> Result { parse(Data(text.utf8)) }

    /// Splits UTF-8 CSV bytes into records and fields without making a `String` of any field:
    /// the loader makes strings only of the fields it keeps and reads numbers from the bytes.
    /// Same records, lines and errors as `parse` (which is built on it).
    static func scan(_ data: Data) -> CSVFields {
        var bytes = [UInt8](data)
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var bounds: [Int] = []
        var records: [CSVFields.Record] = []
        let errors = bytes.withUnsafeMutableBufferPointer {
            scan(buffer: $0, from: bom, bounds: &bounds, records: &records)
        }
        return CSVFields(bytes: bytes, bounds: bounds, records: records, errors: errors)
    }

    /// The records of `b[from...]`: each field's start and end appended to `bounds` (a quoted
    /// field's doubled quotes collapsed in place, so its range reads its value), each
    /// well-formed record to `records`. Returns one error per malformed record.
    private static func scan(
        buffer b: UnsafeMutableBufferPointer<UInt8>, from: Int, bounds: inout [Int], records: inout [CSVFields.Record]
    ) -> [CSVSyntaxError] {
        var errors: [CSVSyntaxError] = []
        let n = b.count
        var i = from
        var line = 1

        // Skip to the end of the current physical line (after an error).
        func skipLine(_ i: inout Int, _ line: inout Int) {
            while i < n && b[i] != lf { i += 1 }
            if i < n { i += 1; line += 1 }
        }

        recordLoop: while i < n {
            let recordLine = line
            // Fields of a malformed record are dropped with it.
            let first = records.last.map { $0.first + $0.count } ?? 0
            if bounds.count > 2 * first { bounds.removeLast(bounds.count - 2 * first) }
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
                    var end = i
                    if hasEscapes {
                        // Collapse each doubled quote in place: the value is shorter than its text.
                        end = start
                        var k = start
                        while k < i {
                            b[end] = b[k]
                            end += 1
                            k += (b[k] == quote) ? 2 : 1
                        }
                    }
                    bounds.append(start)
                    bounds.append(end)
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
                    bounds.append(start)
                    bounds.append(i)
                    if i >= n { break fieldLoop }
                    if b[i] == comma {
                        i += 1
                        if i >= n { bounds.append(i); bounds.append(i); break fieldLoop }
                        continue fieldLoop
                    }
                    if b[i] == lf { i += 1 } else { i += 2 }
                    line += 1
                    break fieldLoop
                }
            }
            records.append(CSVFields.Record(line: recordLine, first: first, count: bounds.count / 2 - first))
        }
        let kept = records.last.map { $0.first + $0.count } ?? 0
        if bounds.count > 2 * kept { bounds.removeLast(bounds.count - 2 * kept) }
        return errors
    }
}

/// A CSV file split into records and fields, each field a byte range of one buffer
/// (`CSVParser.scan`). Immutable once scanned, so shared by every row read from it.
final class CSVFields: Sendable {
    /// A well-formed record: its first physical line, and its fields' numbers (`first` ..< `first + count`).
    struct Record: Sendable {
        let line: Int
        let first: Int
        let count: Int
    }

    /// The file's bytes, each quoted field's doubled quotes collapsed in place.
    let bytes: [UInt8]
    /// Start and end offset in `bytes` of every field, two per field, records one after another.
    let bounds: [Int]
    let records: [Record]
    let errors: [CSVSyntaxError]

    init(bytes: [UInt8], bounds: [Int], records: [Record], errors: [CSVSyntaxError]) {
        self.bytes = bytes
        self.bounds = bounds
        self.records = records
        self.errors = errors
    }

    /// Whether field `k` is empty.
    func isEmpty(_ k: Int) -> Bool { bounds[2 * k] == bounds[2 * k + 1] }

    /// The text of field `k`.
    func string(_ k: Int) -> String {
        let start = bounds[2 * k], end = bounds[2 * k + 1]
        if start == end { return "" }
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
        }
    }

    /// Calls `body` with the bytes of field `k`.
    func withBytes<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = bounds[2 * k], end = bounds[2 * k + 1]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
