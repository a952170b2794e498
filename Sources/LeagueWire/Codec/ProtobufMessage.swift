import NIOCore
import ProtobufCRuntime

/// The envelope messages' codec, as the server and client use it: bodies only
/// (framing is ``Framing`` / ``FrameDecoder``), packing straight into `ByteBuffer`s.
///
/// Decoding is lenient the way protobuf is meant to be: unknown fields are
/// ignored, an unknown `call` or `result` reads as ``Call/unset`` /
/// ``CallResult/none``, an unknown enum number as the enum's "unspecified" case
/// (``StatusCode/unknown`` for status codes), a missing `status` as OK, and
/// ill-formed UTF-8 is repaired to U+FFFD. Bytes that are not a protobuf encoding
/// throw ``WireError/Kind/malformedMessage`` (INVALID_ARGUMENT). protobuf-c's
/// strings are NUL-terminated, so a string is cut at U+0000 in both directions.
public enum ProtobufCodec {
    public static func encode(_ request: Request) -> [UInt8] { request.packedBytes() }
    public static func encode(_ response: Response) -> [UInt8] { response.packedBytes() }

    /// Appends the encoding (no frame header) to `buffer`, with no intermediate array.
    public static func encode(_ request: Request, into buffer: inout ByteBuffer) {
        request.pack(into: &buffer)
    }

    /// Appends the encoding (no frame header) to `buffer`, with no intermediate array.
    public static func encode(_ response: Response, into buffer: inout ByteBuffer) {
        response.pack(into: &buffer)
    }

    /// Decodes a frame's readable bytes, without moving the reader index.
    public static func decodeRequest(_ buffer: ByteBuffer) throws(WireError) -> Request {
        try decoded(buffer)
    }

    public static func decodeRequest(_ bytes: some Collection<UInt8>) throws(WireError) -> Request {
        do { return try .unpacked(from: bytes) } catch { throw WireError(error) }
    }

    /// Decodes a frame's readable bytes, without moving the reader index.
    public static func decodeResponse(_ buffer: ByteBuffer) throws(WireError) -> Response {
        try decoded(buffer)
    }

    public static func decodeResponse(_ bytes: some Collection<UInt8>) throws(WireError) -> Response {
        do { return try .unpacked(from: bytes) } catch { throw WireError(error) }
    }

    private static func decoded<Message: CMessageConvertible>(_ buffer: ByteBuffer) throws(WireError) -> Message {
        do {
            return try buffer.withUnsafeReadableBytes { bytes throws(ProtobufCUnpackError) in try .unpacked(from: bytes)
            }
        } catch {
            throw WireError(error)
        }
    }
}

// Conveniences on the generated envelope types that the proto cannot express.

extension StatusCode: CustomStringConvertible {
    /// The gRPC name, e.g. "NOT_FOUND".
    public var description: String { self.protoName }
}

extension Status {
    public static let ok = Status(code: .ok)
}

extension Response {
    /// An error answer (no result).
    public static func error(id: UInt64, _ code: StatusCode, _ message: String, dataVersion: String = "") -> Response {
        Response(id: id, status: Status(code: code, message: message), dataVersion: dataVersion)
    }
}
