import CProtobufC
import NIOCore

/// protobuf-c could not unpack bytes as a message. protobuf-c reports no reason (it would
/// only print one in a debug build), so the error names the message and the byte count.
public struct ProtobufCUnpackError: Error, Sendable {
    /// The proto message name, e.g. "Request".
    public let messageName: String
    /// How many bytes were offered.
    public let byteCount: Int
}

/// A generated message's conversion to and from its protoc-c struct (conformances in the
/// generated `*+CProto.pb.swift`). `package`, not `public`: C pointers never leave the
/// package's wire layer (this runtime and the module holding the generated code).
package protocol CMessageConvertible {
    associatedtype CMessage
    static var protoMessageName: String { get }
    static func packedSize(_ c: UnsafePointer<CMessage>) -> Int
    static func pack(_ c: UnsafePointer<CMessage>, _ out: UnsafeMutablePointer<UInt8>) -> Int
    static func unpack(_ count: Int, _ bytes: UnsafePointer<UInt8>) -> UnsafeMutablePointer<CMessage>?
    static func freeUnpacked(_ c: UnsafeMutablePointer<CMessage>)
    /// Builds the C struct (and all it points at) in `arena`; valid until the arena goes.
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<CMessage>
    /// Copies an unpacked C struct into Swift values; nothing is retained.
    init(cMessage: UnsafePointer<CMessage>)
}

extension CMessageConvertible {
    package func packedBytes() -> [UInt8] {
        withCArena { arena in
            let message = UnsafePointer(self.cMessage(in: arena))
            let size = Self.packedSize(message)
            return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                count = size == 0 ? 0 : Self.checkedPack(message, into: buffer.baseAddress!, size: size)
            }
        }
    }

    /// Packs straight into `buffer`'s writable bytes.
    package func pack(into buffer: inout ByteBuffer) {
        withCArena { arena in
            let message = UnsafePointer(self.cMessage(in: arena))
            let size = Self.packedSize(message)
            guard size > 0 else { return }
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { raw in
                Self.checkedPack(message, into: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), size: size)
            }
        }
    }

    private static func checkedPack(
        _ message: UnsafePointer<CMessage>, into out: UnsafeMutablePointer<UInt8>, size: Int
    ) -> Int {
        let written = Self.pack(message, out)
        // Sized and packed by the same rules; a mismatch would be memory corruption.
        precondition(written == size, "protobuf-c packed \(written) bytes, expected \(size)")
        return written
    }

    /// Unpacks with protobuf-c, converts to Swift and frees the C message.
    package static func unpacked(from bytes: UnsafeRawBufferPointer) throws(ProtobufCUnpackError) -> Self {
        let unpacked: UnsafeMutablePointer<CMessage>?
        if let base = bytes.baseAddress {
            unpacked = Self.unpack(bytes.count, base.assumingMemoryBound(to: UInt8.self))
        } else {
            // An empty buffer may have no base address; protobuf-c reads nothing for length 0
            // but wants a pointer. Only here, not on every request: this code is called
            // unspecialized, and the closure's generic result would cost every call runtime
            // metadata lookups (about 1.5 k instructions per request).
            var empty: UInt8 = 0
            unpacked = withUnsafePointer(to: &empty) { Self.unpack(0, $0) }
        }
        guard let unpacked else {
            throw ProtobufCUnpackError(messageName: Self.protoMessageName, byteCount: bytes.count)
        }
        defer { Self.freeUnpacked(unpacked) }
        return Self(cMessage: unpacked)
    }

    /// Copies only when the collection has no contiguous storage.
    package static func unpacked(from bytes: some Collection<UInt8>) throws(ProtobufCUnpackError) -> Self {
        let decode = { (raw: UnsafeRawBufferPointer) in
            Result { () throws(ProtobufCUnpackError) in try Self.unpacked(from: raw) }
        }
        let result = bytes.withContiguousStorageIfAvailable { decode(UnsafeRawBufferPointer($0)) }
        return try (result ?? Array(bytes).withUnsafeBytes(decode)).get()
    }
}

extension String {
    /// protobuf-c does not check UTF-8: `String(cString:)` repairs ill-formed
    /// sequences to U+FFFD. NULL (never produced by protobuf-c) reads as "".
    package init(protobufC pointer: UnsafePointer<CChar>?) {
        self = pointer.map { String(cString: $0) } ?? ""
    }
}

extension [UInt8] {
    package init(protobufC value: ProtobufCBinaryData) { self = decodeArray(value.data, count: value.len) }
}

extension Bool {
    /// `protobuf_c_boolean` is a C `int`.
    package init(protobufC value: protobuf_c_boolean) { self = value != 0 }
    package var protobufC: protobuf_c_boolean { self ? 1 : 0 }
}

package func decodeArray<Element>(_ array: UnsafeMutablePointer<Element>?, count: Int) -> [Element] {
    guard let array, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: array, count: count))
}

package func decodeStrings(_ array: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, count: Int) -> [String] {
    decodeArray(array, count: count).map { String(protobufC: $0) }
}

package func decodeMessages<Value: CMessageConvertible>(
    _ array: UnsafeMutablePointer<UnsafeMutablePointer<Value.CMessage>?>?, count: Int
) -> [Value] {
    // protobuf-c never stores NULL elements; skipping one is the safe reading anyway.
    decodeArray(array, count: count).compactMap { $0.map { Value(cMessage: $0) } }
}
