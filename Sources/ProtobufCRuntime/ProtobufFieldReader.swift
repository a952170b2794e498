import NIOCore

/// Walks the top-level fields of one protobuf encoding at the wire level (tag, wire type,
/// raw value) without knowing its message type: enough to lift a oneof member's bytes out
/// of an envelope, or to index the file descriptors that server reflection serves, with
/// no second protobuf runtime. Stops at the first malformed field.
public struct ProtobufFieldReader {
    /// One field's raw value.
    public enum Value {
        case varint(UInt64)
        case fixed64
        case fixed32
        /// Strings, bytes, embedded messages and packed repeated fields.
        case lengthDelimited(ByteBuffer)
    }

    private var buffer: ByteBuffer

    public init(_ encoding: ByteBuffer) { buffer = encoding }

    public init(_ bytes: some Sequence<UInt8>) { buffer = ByteBuffer(bytes: bytes) }

    /// How many bytes of the encoding have been read: where the last field returned by
    /// `next()` ends.
    public var offset: Int { buffer.readerIndex }

    /// The next field, or nil at the end (or at bytes that are not a protobuf encoding).
    public mutating func next() -> (number: UInt32, value: Value)? {
        guard buffer.readableBytes > 0, let key = readVarint(), key >> 3 <= UInt64(UInt32.max) else { return nil }
        let number = UInt32(key >> 3)
        switch key & 7 {
        case 0: return readVarint().map { (number, .varint($0)) }
        case 1: return buffer.readSlice(length: 8).map { _ in (number, .fixed64) }
        case 5: return buffer.readSlice(length: 4).map { _ in (number, .fixed32) }
        case 2:
            guard let length = readVarint(), length <= buffer.readableBytes,
                let body = buffer.readSlice(length: Int(length))
            else { return nil }
            return (number, .lengthDelimited(body))
        default: return nil  // groups: never produced by proto3
        }
    }

    /// Every length-delimited field `number`, e.g. a repeated string or message field.
    public static func lengthDelimited(_ number: UInt32, in encoding: ByteBuffer) -> [ByteBuffer] {
        var reader = ProtobufFieldReader(encoding)
        var out: [ByteBuffer] = []
        while let (n, value) = reader.next() {
            if n == number, case .lengthDelimited(let body) = value { out.append(body) }
        }
        return out
    }

    private mutating func readVarint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 64, let byte = buffer.readInteger(as: UInt8.self) {
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}
