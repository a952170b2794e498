/// A message that can write itself in the proto3 JSON mapping (conformances are
/// generated in `Generated/*+JSON.pb.swift`).
public protocol ProtoJSONMessage {
    /// Writes the message's non-default fields as `key: value` pairs of the current object.
    func writeJSONFields(to json: inout ProtoJSONWriter)
}

/// An enum written by its proto value name ("TABLE_ACUTE").
public protocol ProtoNamedEnum {
    var protoName: String { get }
}

extension ProtoJSONMessage {
    /// The message as proto3 JSON, laid out as `grpcurl` prints it: two-space
    /// indent, `"key": value`, lowerCamelCase names, defaults omitted, enums as
    /// names, 64-bit integers as strings, bytes as base64.
    public func jsonString() -> String {
        var writer = ProtoJSONWriter()
        writer.message(self)
        return writer.text
    }
}

/// Writes indented JSON one value at a time. Hand-written because its output
/// must match protobuf's JSON printers (Go's protojson, which `grpcurl` uses)
/// number for number, which Foundation's `JSONEncoder` does not.
public struct ProtoJSONWriter: Sendable {
    /// The JSON written so far.
    public private(set) var text = ""
    /// Values written in each open container (innermost last), and whether it is an array.
    private var open: [(count: Int, isArray: Bool)] = []
    private var afterKey = false

    public init() {}

    /// Starts a member of the current object; the next value written is its value.
    public mutating func key(_ name: String) {
        self.separate()
        self.string(name)
        self.text += ": "
        self.afterKey = true
    }

    public mutating func message(_ message: some ProtoJSONMessage) {
        self.object { message.writeJSONFields(to: &$0) }
    }

    /// An object whose members `body` writes with ``key(_:)`` and a value each.
    public mutating func object(_ body: (inout Self) -> Void) {
        self.container("{", "}", isArray: false, body)
    }

    public mutating func array<Element>(_ values: [Element], _ write: (inout Self, Element) -> Void) {
        self.container("[", "]", isArray: true) { writer in
            for value in values { write(&writer, value) }
        }
    }

    public mutating func string(_ value: String) {
        self.beginValue()
        self.text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": self.text += "\\\""
            case "\\": self.text += "\\\\"
            case "\u{8}": self.text += "\\b"
            case "\u{C}": self.text += "\\f"
            case "\n": self.text += "\\n"
            case "\r": self.text += "\\r"
            case "\t": self.text += "\\t"
            case _ where scalar.value < 0x20:
                self.text += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: self.text.unicodeScalars.append(scalar)
            }
        }
        self.text += "\""
    }

    public mutating func bool(_ value: Bool) { self.raw(value ? "true" : "false") }
    /// 32-bit integers are JSON numbers.
    public mutating func int(_ value: some BinaryInteger) { self.raw(String(value)) }
    /// 64-bit integers are strings: JSON numbers are doubles to many readers.
    public mutating func int64(_ value: some BinaryInteger) { self.string(String(value)) }
    public mutating func double(_ value: Double) { self.floatingPoint(value, exponentBelow: 1e-6, above: 1e21) }
    public mutating func float(_ value: Float) { self.floatingPoint(value, exponentBelow: 1e-6, above: 1e21) }
    public mutating func enumValue(_ value: some ProtoNamedEnum) { self.string(value.protoName) }
    /// Bytes are standard base64 with padding.
    public mutating func bytes(_ value: [UInt8]) { self.string(Self.base64(value)) }

    // MARK: - layout

    private mutating func raw(_ token: String) {
        self.beginValue()
        self.text += token
    }

    private mutating func container(_ start: String, _ end: String, isArray: Bool, _ body: (inout Self) -> Void) {
        self.beginValue()
        self.text += start
        self.open.append((0, isArray))
        body(&self)
        let count = self.open.removeLast().count
        if count > 0 { self.newline() }
        self.text += end
    }

    /// A value inside an array starts on its own line; after a key it follows the colon.
    private mutating func beginValue() {
        if self.afterKey {
            self.afterKey = false
        } else if self.open.last?.isArray == true {
            self.separate()
        }
    }

    private mutating func separate() {
        guard !self.open.isEmpty else { return }
        if self.open[self.open.count - 1].count > 0 { self.text += "," }
        self.open[self.open.count - 1].count += 1
        self.newline()
    }

    private mutating func newline() {
        self.text += "\n" + String(repeating: "  ", count: self.open.count)
    }

    // MARK: - numbers and bytes

    /// Shortest round-trip digits, in plain notation unless the magnitude is below
    /// `low` or at least `high` (Go's protojson rule); NaN and infinities are strings.
    private mutating func floatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: F, exponentBelow low: F, above high: F
    ) {
        if value.isNaN { return self.string("NaN") }
        if value.isInfinite { return self.string(value < 0 ? "-Infinity" : "Infinity") }
        let shortest = value.description  // e.g. "1.5", "1e-07", "1e+16"
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < low || magnitude >= high) {
            // Go writes exponents without a leading zero ("1e-7").
            let parts = shortest.split(separator: "e", maxSplits: 1)
            let exponent = parts[1].hasPrefix("-0") ? "-" + parts[1].dropFirst(2) : parts[1]
            return self.raw(parts[0] + "e" + exponent)
        }
        self.raw(Self.plainDecimal(shortest))
    }

    /// "1.0" -> "1", "1.5e-05" -> "0.000015", "1e+16" -> "10000000000000000".
    static func plainDecimal(_ shortest: String) -> String {
        let parts = shortest.split(separator: "e", maxSplits: 1)
        let sign = shortest.hasPrefix("-") ? "-" : ""
        let mantissa = parts[0].drop { $0 == "-" }.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(mantissa[0]) + (mantissa.count > 1 ? String(mantissa[1]) : "")
        let point = mantissa[0].count + (parts.count > 1 ? Int(parts[1])! : 0)
        while digits.count > point, digits.hasSuffix("0") { digits.removeLast() }
        if point <= 0 {
            return sign + "0." + String(repeating: "0", count: -point) + digits
        }
        if point >= digits.count {
            return sign + digits + String(repeating: "0", count: point - digits.count)
        }
        let index = digits.index(digits.startIndex, offsetBy: point)
        return sign + digits[..<index] + "." + digits[index...]
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = bytes[start..<min(start + 3, bytes.count)]
            let bits = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
            for index in 0..<4 {
                out.append(index <= chunk.count ? alphabet[(bits >> (18 - 6 * index)) & 63] : "=")
            }
        }
        return out
    }
}
