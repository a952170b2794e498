import CLeagueProto
import CProtobufC
import NIOCore

/// Converts the envelope messages (``Request``, ``Response``) to and from their
/// protobuf encoding, using the protoc-c generated code and the protobuf-c runtime.
///
/// This is the only place in the project that touches C pointers. Every C
/// structure is built in a scoped arena and freed after packing, and every
/// unpacked message is freed before decoding returns, so callers deal only in
/// Swift values and bytes.
///
/// The codec encodes message bodies only. Framing (the 5-byte gRPC
/// Length-Prefixed-Message header) is separate: see ``FrameDecoder``,
/// ``FrameEncoder`` and ``Framing``.
///
/// Decoding is lenient the way protobuf is meant to be: unknown fields are
/// ignored, an unknown `call` or `result` reads as ``Call/unset`` /
/// ``CallResult/none``, unknown enum numbers read as the enum's "unspecified"
/// case (``StatusCode/unknown`` for status codes), and ill-formed UTF-8 in
/// strings is repaired to U+FFFD. Bytes that are not a protobuf encoding at
/// all throw a ``WireError`` with ``StatusCode/invalidArgument``.
///
/// Limitation: protobuf-c uses NUL-terminated strings, so a string containing
/// U+0000 is cut at that character in both directions.
public enum ProtobufCodec {}

// MARK: - shared pack / unpack plumbing

extension ProtobufCodec {
    /// Packs `message` into a new array.
    static func packedBytes<Message>(
        _ message: UnsafePointer<Message>,
        size packedSize: (UnsafePointer<Message>) -> Int,
        pack: (UnsafePointer<Message>, UnsafeMutablePointer<UInt8>) -> Int
    ) -> [UInt8] {
        let size = packedSize(message)
        guard size > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initializedCount in
            let written = pack(message, buffer.baseAddress!)
            // protobuf-c computes the size with the same rules it packs with; a
            // mismatch would mean memory corruption, so stop rather than send it.
            precondition(written == size, "protobuf-c packed \(written) bytes, expected \(size)")
            initializedCount = written
        }
    }

    /// Appends `message` to `buffer`, preceded by a frame header when `framed`.
    static func packMessage<Message>(
        _ message: UnsafePointer<Message>,
        framed: Bool,
        into buffer: inout ByteBuffer,
        size packedSize: (UnsafePointer<Message>) -> Int,
        pack: (UnsafePointer<Message>, UnsafeMutablePointer<UInt8>) -> Int
    ) {
        let size = packedSize(message)
        if framed {
            Framing.writeHeader(messageLength: size, into: &buffer)
        }
        guard size > 0 else { return }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { raw in
            let written = pack(message, raw.baseAddress!.bindMemory(to: UInt8.self, capacity: size))
            precondition(written == size, "protobuf-c packed \(written) bytes, expected \(size)")
            return written
        }
    }

    /// Unpacks `bytes` with protobuf-c, converts the result to Swift and frees it.
    static func unpackMessage<Message, Value>(
        _ bytes: UnsafeRawBufferPointer,
        messageName: String,
        unpack: (Int, UnsafePointer<UInt8>) -> UnsafeMutablePointer<Message>?,
        freeUnpacked: (UnsafeMutablePointer<Message>) -> Void,
        convert: (UnsafePointer<Message>) -> Value
    ) throws(WireError) -> Value {
        // An empty body is a valid message with every field at its default, but an
        // empty buffer may have no base address; protobuf-c reads nothing when the
        // length is 0, so any valid pointer does.
        let unpacked: UnsafeMutablePointer<Message>?
        if let base = bytes.baseAddress, bytes.count > 0 {
            unpacked = unpack(bytes.count, base.assumingMemoryBound(to: UInt8.self))
        } else {
            var empty: UInt8 = 0
            unpacked = withUnsafePointer(to: &empty) { unpack(0, $0) }
        }
        guard let unpacked else {
            // protobuf-c reports no reason (it would only print one in a debug build).
            throw WireError.malformed(messageName, byteCount: bytes.count)
        }
        defer { freeUnpacked(unpacked) }
        return convert(unpacked)
    }

    /// Runs a raw-bytes decoder over any collection of bytes, copying only when
    /// the collection has no contiguous storage.
    static func withContiguousBytes<Bytes: Collection<UInt8>, Value>(
        _ bytes: Bytes,
        _ decode: (UnsafeRawBufferPointer) throws(WireError) -> Value
    ) throws(WireError) -> Value {
        let result: Result<Value, WireError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(WireError) -> Value in try decode(UnsafeRawBufferPointer(buffer)) }
        }
        if let result {
            return try result.get()
        }
        // `Array.withUnsafeBytes` is `rethrows` (untyped), so carry the typed error out in a Result.
        let copied: Result<Value, WireError> = Array(bytes).withUnsafeBytes { raw in
            Result { () throws(WireError) -> Value in try decode(raw) }
        }
        return try copied.get()
    }
}
