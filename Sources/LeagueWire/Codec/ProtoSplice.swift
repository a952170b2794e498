import NIOCore

/// Assembles protobuf encodings from parts that are already encoded, so an answer can
/// reuse the bytes of a message encoded once (a trust's `Trust`, a cached result)
/// instead of converting and packing it again.
///
/// Only top-level, length-delimited message fields are spliced. protobuf-c writes fields
/// in field-number order, and these helpers keep that order, so a spliced encoding is
/// byte for byte what protobuf-c would have written for the same value.
public enum ProtoSplice {
    /// The protobuf wire types a field scan must step over.
    private enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    /// Bytes a base-128 varint of `value` takes.
    public static func varintSize(_ value: UInt64) -> Int {
        // 7 bits per byte; 0 still takes one byte.
        (64 - value.leadingZeroBitCount + 6) / 7 + (value == 0 ? 1 : 0)
    }

    public static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    /// Bytes a length-delimited field numbered `number` with a body of `bodyCount` bytes takes.
    public static func fieldSize(_ number: Int, bodyCount: Int) -> Int {
        varintSize(UInt64(number) << 3 | 2) + varintSize(UInt64(bodyCount)) + bodyCount
    }

    /// Appends field `number` as a length-delimited field (an embedded message) whose body
    /// is `first` followed by `second`.
    public static func appendField(_ number: Int, _ first: [UInt8], _ second: [UInt8] = [], to out: inout [UInt8]) {
        appendVarint(UInt64(number) << 3 | WireType.lengthDelimited.rawValue, to: &out)
        appendVarint(UInt64(first.count + second.count), to: &out)
        out.append(contentsOf: first)
        out.append(contentsOf: second)
    }

    /// Appends field `number` as a `bool` (varint 1), or nothing when false: proto3 leaves a
    /// default out, as protobuf-c does.
    public static func appendBool(_ number: Int, _ value: Bool, to out: inout [UInt8]) {
        guard value else { return }
        appendVarint(UInt64(number) << 3 | WireType.varint.rawValue, to: &out)
        out.append(1)
    }

    /// Appends field `number` as a `double` (8 bytes, little-endian), or nothing when 0:
    /// proto3 leaves a default out, as protobuf-c does.
    public static func appendDouble(_ number: Int, _ value: Double, to out: inout [UInt8]) {
        guard value != 0 else { return }
        appendVarint(UInt64(number) << 3 | WireType.fixed64.rawValue, to: &out)
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    /// `packed` (a message's encoding with its fields in number order) with every
    /// occurrence of field `number` replaced by `bodies`, one length-delimited field each,
    /// written where field `number` belongs in number order.
    ///
    /// Use it to put pre-encoded messages into a message packed with that field left at
    /// its default (an empty message, or an empty repeated field).
    /// - Precondition: `packed` is a well-formed encoding (it came from protobuf-c).
    public static func replacing(field number: Int, with bodies: [[UInt8]], in packed: [UInt8]) -> [UInt8] {
        var size = packed.count
        for body in bodies { size += fieldSize(number, bodyCount: body.count) }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        var inserted = false
        var offset = 0
        while offset < packed.count {
            let (fieldNumber, end) = scanField(packed, at: offset)
            if fieldNumber >= number, !inserted {
                for body in bodies { appendField(number, body, to: &out) }
                inserted = true
            }
            if fieldNumber != number { out.append(contentsOf: packed[offset..<end]) }
            offset = end
        }
        if !inserted {
            for body in bodies { appendField(number, body, to: &out) }
        }
        return out
    }

    /// `packed` with its last top-level field (a message field, e.g. a oneof member left
    /// empty) replaced by the same field holding `body`.
    /// - Precondition: `packed` is a well-formed, non-empty encoding.
    public static func replacingLastField(with body: [UInt8], in packed: [UInt8]) -> [UInt8] {
        precondition(!packed.isEmpty, "no field to replace")
        var offset = 0
        var last = (number: 0, start: 0)
        while offset < packed.count {
            let (number, end) = scanField(packed, at: offset)
            last = (number, offset)
            offset = end
        }
        var out: [UInt8] = []
        out.reserveCapacity(last.start + fieldSize(last.number, bodyCount: body.count))
        out.append(contentsOf: packed[..<last.start])
        appendField(last.number, body, to: &out)
        return out
    }

    /// The number of the top-level field starting at `offset`, and where it ends.
    private static func scanField(_ bytes: [UInt8], at offset: Int) -> (number: Int, end: Int) {
        var offset = offset
        let key = readVarint(bytes, &offset)
        switch WireType(rawValue: key & 7) {
        case .varint: _ = readVarint(bytes, &offset)
        case .fixed64: offset += 8
        case .fixed32: offset += 4
        case .lengthDelimited: offset += Int(readVarint(bytes, &offset))
        case nil: preconditionFailure("protobuf-c wrote wire type \(key & 7), which proto3 does not use")
        }
        precondition(offset <= bytes.count, "a field runs past the end of its message")
        return (Int(key >> 3), offset)
    }

    private static func readVarint(_ bytes: [UInt8], _ offset: inout Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}

extension ByteBuffer {
    /// Writes `value` as a base-128 varint (`ProtoSplice.appendVarint`'s rule, into a buffer).
    mutating func writeProtobufVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            writeInteger(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        writeInteger(UInt8(value))
    }
}
