import NIOCore

/// Converts the envelope messages (``Request``, ``Response``) to and from their
/// protobuf encoding with protobuf-c. (Every other message has the same two
/// operations as `serializedBytes()` and `init(serializedBytes:)`.)
///
/// Every C structure is built in a scoped arena and freed after packing, and every
/// unpacked message is freed before decoding returns, so callers deal only in
/// Swift values and bytes. Bodies only: framing is ``Framing`` / ``FrameDecoder``.
///
/// Decoding is lenient the way protobuf is meant to be: unknown fields are
/// ignored, an unknown `call` or `result` reads as ``Call/unset`` /
/// ``CallResult/none``, an unknown enum number reads as the enum's "unspecified"
/// case (``StatusCode/unknown`` for status codes), and ill-formed UTF-8 is
/// repaired to U+FFFD. Bytes that are not a protobuf encoding at all throw a
/// ``WireError`` with ``StatusCode/invalidArgument``.
///
/// Limitation: protobuf-c uses NUL-terminated strings, so a string containing
/// U+0000 is cut at that character in both directions.
public enum ProtobufCodec {
    /// The protobuf encoding of `request` (the message body only, no frame header).
    public static func encode(_ request: Request) -> [UInt8] { request.packedBytes() }

    /// Appends the protobuf encoding of `request` (no frame header) to `buffer`.
    public static func encode(_ request: Request, into buffer: inout ByteBuffer) {
        request.pack(into: &buffer, framed: false)
    }

    /// The protobuf encoding of `response` (the message body only, no frame header).
    public static func encode(_ response: Response) -> [UInt8] { response.packedBytes() }

    /// Appends the protobuf encoding of `response` (no frame header) to `buffer`.
    public static func encode(_ response: Response, into buffer: inout ByteBuffer) {
        response.pack(into: &buffer, framed: false)
    }

    /// Decodes a `Request` body; a missing or unknown `call` reads as ``Call/unset``
    /// (answer it UNIMPLEMENTED). Throws ``WireError/Kind/malformedMessage``.
    public static func decodeRequest(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> Request {
        try .unpacked(from: bytes)
    }

    /// Decodes a `Request` from a frame's readable bytes, without moving the reader index.
    public static func decodeRequest(_ buffer: ByteBuffer) throws(WireError) -> Request {
        try buffer.withUnsafeReadableBytes { bytes throws(WireError) in try .unpacked(from: bytes) }
    }

    /// Decodes a `Request` from any collection of bytes (e.g. `[UInt8]`).
    public static func decodeRequest(_ bytes: some Collection<UInt8>) throws(WireError) -> Request {
        try .unpacked(from: bytes)
    }

    /// Decodes a `Response` body; a missing `status` reads as OK (the proto3 default).
    /// Throws ``WireError/Kind/malformedMessage``.
    public static func decodeResponse(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> Response {
        try .unpacked(from: bytes)
    }

    /// Decodes a `Response` from a frame's readable bytes, without moving the reader index.
    public static func decodeResponse(_ buffer: ByteBuffer) throws(WireError) -> Response {
        try buffer.withUnsafeReadableBytes { bytes throws(WireError) in try .unpacked(from: bytes) }
    }

    /// Decodes a `Response` from any collection of bytes (e.g. `[UInt8]`).
    public static func decodeResponse(_ bytes: some Collection<UInt8>) throws(WireError) -> Response {
        try .unpacked(from: bytes)
    }
}

/// Every generated message: a `Sendable` value with its protobuf encoding
/// (protobuf-c) and its proto3 JSON.
public protocol ProtobufMessage: Sendable, Hashable, ProtoJSONMessage {
    /// Every field at its proto3 default.
    init()
    /// The protobuf encoding of this message.
    func serializedBytes() -> [UInt8]
    /// Decodes a protobuf encoding; throws ``WireError/Kind/malformedMessage``.
    init(serializedBytes bytes: some Collection<UInt8>) throws(WireError)
}
