import CLeagueProto
import NIOCore

/// A generated Swift message that converts to and from its protoc-c struct
/// (conformances are in `Generated/*+CProto.pb.swift`).
///
/// Internal on purpose: C pointers never leave this module.
protocol CMessageConvertible {
    associatedtype CMessage

    /// The message's proto name, for errors.
    static var protoMessageName: String { get }
    static func packedSize(_ c: UnsafePointer<CMessage>) -> Int
    static func pack(_ c: UnsafePointer<CMessage>, _ out: UnsafeMutablePointer<UInt8>) -> Int
    static func unpack(_ count: Int, _ bytes: UnsafePointer<UInt8>) -> UnsafeMutablePointer<CMessage>?
    static func freeUnpacked(_ c: UnsafeMutablePointer<CMessage>)

    /// Builds the C struct (and everything it points at) in `arena`. The result is
    /// valid until the arena is released.
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<CMessage>

    /// Copies a C struct produced by protobuf-c's `unpack` into Swift values.
    /// Nothing is retained, so the C message can be freed straight afterwards.
    init(cMessage: UnsafePointer<CMessage>)
}

extension CMessageConvertible {
    /// The protobuf encoding, in a new array.
    func packedBytes() -> [UInt8] {
        withCArena { arena in
            let message = UnsafePointer(self.cMessage(in: arena))
            let size = Self.packedSize(message)
            return [UInt8](unsafeUninitializedCapacity: size) { buffer, initializedCount in
                initializedCount = size == 0 ? 0 : Self.checkedPack(message, into: buffer.baseAddress!, size: size)
            }
        }
    }

    /// Packs straight into `buffer`'s writable bytes (no intermediate array),
    /// preceded by a frame header when `framed`.
    func pack(into buffer: inout ByteBuffer, framed: Bool) {
        withCArena { arena in
            let message = UnsafePointer(self.cMessage(in: arena))
            let size = Self.packedSize(message)
            if framed {
                Framing.writeHeader(messageLength: size, into: &buffer)
            }
            guard size > 0 else { return }
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { raw in
                Self.checkedPack(message, into: raw.baseAddress!.bindMemory(to: UInt8.self, capacity: size), size: size)
            }
        }
    }

    private static func checkedPack(_ message: UnsafePointer<CMessage>, into out: UnsafeMutablePointer<UInt8>, size: Int) -> Int {
        let written = Self.pack(message, out)
        // protobuf-c sizes with the same rules it packs with; a mismatch would mean
        // memory corruption, so stop rather than send it.
        precondition(written == size, "protobuf-c packed \(written) bytes, expected \(size)")
        return written
    }

    /// Unpacks `bytes` with protobuf-c, converts the result to Swift and frees it.
    static func unpacked(from bytes: UnsafeRawBufferPointer) throws(WireError) -> Self {
        // An empty body is a valid message with every field at its default, but an
        // empty buffer may have no base address; protobuf-c reads nothing for length 0.
        var empty: UInt8 = 0
        let unpacked = withUnsafePointer(to: &empty) { emptyPointer in
            Self.unpack(bytes.count, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer)
        }
        guard let unpacked else {
            // protobuf-c reports no reason (it would only print one in a debug build).
            throw WireError.malformed(Self.protoMessageName, byteCount: bytes.count)
        }
        defer { Self.freeUnpacked(unpacked) }
        return Self(cMessage: unpacked)
    }

    /// Unpacks any collection of bytes, copying only when it has no contiguous storage.
    static func unpacked(from bytes: some Collection<UInt8>) throws(WireError) -> Self {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(WireError) in try Self.unpacked(from: UnsafeRawBufferPointer(buffer)) }
        } ?? Array(bytes).withUnsafeBytes { raw in Result { () throws(WireError) in try Self.unpacked(from: raw) } }
        return try result.get()
    }
}

extension String {
    /// Reads a string field of an unpacked message. protobuf-c does not check
    /// UTF-8, so `String(cString:)` repairs ill-formed sequences to U+FFFD rather
    /// than trusting them; a `NULL` pointer (never produced by protobuf-c) reads as "".
    init(protobufC pointer: UnsafePointer<CChar>?) {
        self = pointer.map { String(cString: $0) } ?? ""
    }
}

extension [UInt8] {
    /// Reads a bytes field of an unpacked message.
    init(protobufC value: ProtobufCBinaryData) {
        self = value.len > 0 && value.data != nil ? Array(UnsafeBufferPointer(start: value.data, count: value.len)) : []
    }
}

extension Bool {
    /// `protobuf_c_boolean` is a C `int`.
    init(protobufC value: protobuf_c_boolean) { self = value != 0 }
    var protobufC: protobuf_c_boolean { self ? 1 : 0 }
}

/// Reads a `repeated` scalar field of an unpacked message.
func decodeArray<Element>(_ array: UnsafeMutablePointer<Element>?, count: Int) -> [Element] {
    guard let array, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: array, count: count))
}

/// Reads a `repeated string` field of an unpacked message.
func decodeStrings(_ array: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, count: Int) -> [String] {
    decodeArray(array, count: count).map { String(protobufC: $0) }
}

/// Reads a `repeated` message field of an unpacked message.
func decodeMessages<Value: CMessageConvertible>(
    _ array: UnsafeMutablePointer<UnsafeMutablePointer<Value.CMessage>?>?,
    count: Int
) -> [Value] {
    // protobuf-c never stores NULL elements; skipping one is the safe reading anyway.
    decodeArray(array, count: count).compactMap { $0.map { Value(cMessage: $0) } }
}
