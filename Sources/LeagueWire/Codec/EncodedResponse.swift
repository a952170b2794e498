import NIOCore
import ProtobufCRuntime

/// A `Response` already encoded, split as `id` + every other field, so one encoding of
/// an answer can serve every request that asks for it: protobuf fields may come in any
/// order, and `id` (field 1) is written in front of the shared bytes.
///
/// `body` is exactly what protobuf-c writes for the same response with `id` 0, so
/// `id` field + `body` is byte for byte the encoding of the whole response.
public struct EncodedResponse: Sendable {
    /// The request id the answer goes back with.
    public var id: UInt64
    /// Every field but `id`, encoded (shared, not copied, between answers; an assembled
    /// answer references the shared encodings it lists).
    public var body: EncodedBody
    /// The answer's status (it is also inside `body`): kept beside the bytes so that metrics,
    /// logs and gRPC's `grpc-status`/`grpc-message` need not decode them.
    public var status: Status
    /// The answer's status code.
    public var code: StatusCode { status.code }

    public init(id: UInt64, body: EncodedBody, status: Status = .ok) {
        self.id = id
        self.body = body
        self.status = status
    }

    /// An answer whose body is exactly `body` (a whole cached answer).
    public init(id: UInt64, body: [UInt8], status: Status = .ok) {
        self.init(id: id, body: EncodedBody(body), status: status)
    }

    /// Encodes `response` with protobuf-c.
    public init(_ response: Response) {
        var rest = response
        rest.id = 0
        self.init(id: response.id, body: rest.serializedBytes(), status: response.status)
    }

    /// The encoded message's length (without the frame header).
    public var messageLength: Int {
        id == 0 ? body.count : 1 + ProtoSplice.varintSize(id) + body.count
    }

    /// Writes one frame (header, then the message) into `buffer`: no intermediate array.
    public func writeFrame(into buffer: inout ByteBuffer) {
        let length = messageLength
        buffer.reserveCapacity(minimumWritableBytes: Framing.headerLength + length)
        Framing.writeHeader(messageLength: length, into: &buffer)
        if id != 0 {
            // Field 1, wire type 0 (varint): proto3 leaves a zero id out, as protobuf-c does.
            buffer.writeInteger(UInt8(0x08))
            buffer.writeProtobufVarint(id)
        }
        body.write(into: &buffer)
    }

    /// The whole response's encoding (for transports that frame it themselves, and tests).
    public func serializedBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(messageLength)
        if id != 0 {
            out.append(0x08)
            ProtoSplice.appendVarint(id, to: &out)
        }
        out.append(contentsOf: body.bytes())
        return out
    }
}
