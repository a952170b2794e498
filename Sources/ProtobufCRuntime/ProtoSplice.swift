import NIOCore

/// Writes protobuf fields by hand, and splits encodings at a field, so an answer can be
/// assembled from the bytes of messages encoded once (a trust's `Trust`, a cached result)
/// instead of converting and packing them again (`EncodedBody`).
///
/// protobuf-c writes fields in field-number order and leaves proto3 defaults out; callers
/// keep that order, and these helpers leave the same defaults out, so an assembled
/// encoding is byte for byte what protobuf-c would have written for the same value.
public enum ProtoSplice {
    /// The protobuf wire types these helpers write.
    private enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
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

    /// Appends field `number` as a length-delimited field (an embedded message) holding `body`.
    public static func appendField(_ number: Int, _ body: [UInt8], to out: inout [UInt8]) {
        appendFieldHeader(number, length: body.count, to: &out)
        out.append(contentsOf: body)
    }

    /// Appends the key and length of a length-delimited field numbered `number`, whose
    /// `length` bytes the caller writes next.
    public static func appendFieldHeader(_ number: Int, length: Int, to out: inout [UInt8]) {
        appendVarint(UInt64(number) << 3 | WireType.lengthDelimited.rawValue, to: &out)
        appendVarint(UInt64(length), to: &out)
    }

    /// Appends field `number` as a `string`, or nothing when it is empty: proto3 leaves a
    /// default out, as protobuf-c does.
    public static func appendString(_ number: Int, _ value: String, to out: inout [UInt8]) {
        guard !value.isEmpty else { return }
        appendFieldHeader(number, length: value.utf8.count, to: &out)
        out.append(contentsOf: value.utf8)
    }

    /// Appends field `number` as an enum (a varint of its `int32` value; a negative one
    /// takes ten bytes, as protobuf-c writes it), or nothing when 0.
    public static func appendEnum(_ number: Int, _ value: Int32, to out: inout [UInt8]) {
        guard value != 0 else { return }
        appendVarint(UInt64(number) << 3 | WireType.varint.rawValue, to: &out)
        appendVarint(UInt64(bitPattern: Int64(value)), to: &out)
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

    /// `packed` (fields in number order) split around field `number`: its fields numbered
    /// below it, and those numbered above it; field `number` itself is left out.
    /// - Precondition: `packed` is a well-formed encoding (it came from protobuf-c).
    public static func split(_ packed: [UInt8], around number: Int) -> (before: [UInt8], after: [UInt8]) {
        var fields = ProtobufFieldReader(packed)
        var before: [UInt8] = []
        var after: [UInt8] = []
        var start = 0
        while let (field, _) = fields.next() {
            let fieldNumber = Int(field)
            let end = fields.offset
            if fieldNumber < number {
                before.append(contentsOf: packed[start..<end])
            } else if fieldNumber > number {
                after.append(contentsOf: packed[start..<end])
            }
            start = end
        }
        precondition(start == packed.count, "not a well-formed protobuf encoding: a field runs past its end")
        return (before, after)
    }
}

extension ByteBuffer {
    /// Writes `value` as a base-128 varint (`ProtoSplice.appendVarint`'s rule, into a buffer).
    package mutating func writeProtobufVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            writeInteger(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        writeInteger(UInt8(value))
    }
}
