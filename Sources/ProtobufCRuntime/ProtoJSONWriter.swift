/// A message that writes itself in the proto3 JSON mapping (conformances are
/// generated in `Generated/*+JSON.pb.swift`).
public protocol ProtoJSONMessage {
    /// Writes the message's fields that are not at their default as members of the current object.
    func writeJSONFields(to json: inout ProtoJSONWriter)
}

/// An enum written by its proto value name ("TABLE_ACUTE").
public protocol ProtoNamedEnum {
    var protoName: String { get }
}

extension ProtoJSONMessage {
    /// The message as proto3 JSON, laid out as `grpcurl` prints it.
    public func jsonString() -> String {
        var writer = ProtoJSONWriter()
        writer.message(self)
        return writer.text
    }
}

/// Writes proto3 JSON one value at a time, indented by two spaces with `"key": value`.
/// Hand-written because numbers must come out as protobuf's JSON printers (Go's
/// protojson, used by `grpcurl`) write them, which Foundation's `JSONEncoder` does not.
public struct ProtoJSONWriter: Sendable {
    public private(set) var text = ""
    /// Values written so far in each open container (innermost last), and whether it is an array.
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

    public mutating func message(_ message: some ProtoJSONMessage) { self.object { message.writeJSONFields(to: &$0) } }

    /// An object whose members `body` writes, each with ``key(_:)`` and a value.
    public mutating func object(_ body: (inout Self) -> Void) { self.container("{", "}", isArray: false, body) }

    public mutating func array<Element>(_ values: [Element], _ write: (inout Self, Element) -> Void) {
        self.container("[", "]", isArray: true) { writer in values.forEach { write(&writer, $0) } }
    }

    /// Escapes quotes, backslashes and control characters only, as protojson does.
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
                self.text += (scalar.value < 0x10 ? "\\u000" : "\\u00") + String(scalar.value, radix: 16)
            default: self.text.unicodeScalars.append(scalar)
            }
        }
        self.text += "\""
    }

    public mutating func bool(_ value: Bool) { self.raw(value ? "true" : "false") }
    /// 32-bit integers are numbers.
    public mutating func int(_ value: some BinaryInteger) { self.raw(String(value)) }
    /// 64-bit integers are strings: many JSON readers hold numbers as doubles.
    public mutating func int64(_ value: some BinaryInteger) { self.string(String(value)) }
    public mutating func double(_ value: Double) { self.floatingPoint(value) }
    public mutating func float(_ value: Float) { self.floatingPoint(value) }
    public mutating func enumValue(_ value: some ProtoNamedEnum) { self.string(value.protoName) }
    /// Standard base64 with padding.
    public mutating func bytes(_ value: [UInt8]) { self.string(Self.base64(value)) }

    private mutating func raw(_ token: String) {
        self.beginValue()
        self.text += token
    }

    private mutating func container(_ start: String, _ end: String, isArray: Bool, _ body: (inout Self) -> Void) {
        self.beginValue()
        self.text += start
        self.open.append((0, isArray))
        body(&self)
        if self.open.removeLast().count > 0 { self.newline() }
        self.text += end
    }

    /// After a key a value follows the colon; in an array it starts its own line.
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

    private mutating func newline() { self.text += "\n" + String(repeating: "  ", count: self.open.count) }

    /// Shortest round-trip digits; exponent notation only below 1e-6 or from 1e21 on
    /// (protojson's rule, written "1e-7", "1e+21"); NaN and infinities are strings.
    private mutating func floatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) {
        if value.isNaN { return self.string("NaN") }
        if value.isInfinite { return self.string(value < 0 ? "-Infinity" : "Infinity") }
        let parts = value.description.split(separator: "e")  // "1.5", "1e-07", "1e+16"
        if value != 0 && (abs(value) < 1e-6 || abs(value) >= 1e21) {
            return self.raw(parts[0] + "e" + (parts[1].hasPrefix("-0") ? "-" + parts[1].dropFirst(2) : parts[1]))
        }
        // Plain notation: move the decimal point by the exponent.
        let sign = parts[0].hasPrefix("-") ? "-" : ""
        let mantissa = parts[0].drop { $0 == "-" }.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(mantissa[0]) + (mantissa.count > 1 ? mantissa[1] : "")
        let point = mantissa[0].count + (parts.count > 1 ? Int(parts[1])! : 0)
        while digits.count > point, digits.hasSuffix("0") { digits.removeLast() }
        if point <= 0 { return self.raw(sign + "0." + String(repeating: "0", count: -point) + digits) }
        if point >= digits.count {
            return self.raw(sign + digits + String(repeating: "0", count: point - digits.count))
        }
        let index = digits.index(digits.startIndex, offsetBy: point)
        self.raw(sign + digits[..<index] + "." + digits[index...])
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = bytes[start..<min(start + 3, bytes.count)]
            let bits = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
            for index in 0..<4 { out.append(index <= chunk.count ? alphabet[(bits >> (18 - 6 * index)) & 63] : "=") }
        }
        return out
    }
}
