import NIOCore
import ProtobufCRuntime

/// One unary RPC of a gRPC service in `proto/`, carried through the same envelope as the
/// framing: its request message is the `Request.call` member numbered `envelopeField` and
/// its response the `Response.result` member with that number. The table of them
/// (`GRPCMethod.leagueMethods`) is generated from the `service` in the proto, so a new call
/// is served as gRPC as soon as its RPC is declared (the generator refuses a call without one).
public struct GRPCMethod: Sendable, Hashable {
    /// The fully qualified service, e.g. "nhs.league.v1.League".
    public let service: String
    /// The RPC name, e.g. "GetTrust".
    public let name: String
    /// The field number of the call in `Request.call` and of its answer in `Response.result`.
    public let envelopeField: UInt32

    public init(service: String, name: String, envelopeField: UInt32) {
        self.service = service
        self.name = name
        self.envelopeField = envelopeField
    }

    /// The HTTP/2 `:path` gRPC uses for this method, "/<service>/<method>".
    public var path: String { "/\(service)/\(name)" }

    /// The `Request` carrying `message` (this method's request message, encoded) as its
    /// call, decoded by protobuf-c exactly as a framed request would be.
    ///
    /// The envelope is built at the wire level: a length-delimited field `envelopeField`
    /// holding the message bytes is, byte for byte, how protobuf encodes that oneof member.
    /// - Throws: ``WireError`` (malformed message) when the bytes are not the message.
    public func request(wrapping message: ByteBuffer) throws(WireError) -> Request {
        var envelope = ByteBuffer()
        envelope.reserveCapacity(message.readableBytes + 16)
        envelope.writeProtobufVarint(UInt64(envelopeField) << 3 | 2)
        envelope.writeProtobufVarint(UInt64(message.readableBytes))
        envelope.writeImmutableBuffer(message)
        return try ProtobufCodec.decodeRequest(envelope)
    }

    /// This method's response message as gRPC sends it, a Length-Prefixed-Message (flag 0,
    /// 4-byte big-endian length, then the message), and the answer's data version, from an
    /// encoded `Response` (such as `EncodedResponse.body`, every field but `id`), with one copy of the
    /// bytes: the envelope is copied once behind 5 spare bytes, and the prefix is written
    /// over the bytes just before the result member (the spare bytes, or envelope bytes
    /// already read), so the message is not copied again to put the prefix in front of it.
    /// `framed` is nil when the response carries no such member.
    public func framedResultMessage(ofEncoded response: EncodedBody) -> (dataVersion: String, framed: ByteBuffer?) {
        var buffer = ByteBufferAllocator().buffer(capacity: Self.lengthPrefix + response.count)
        buffer.writeRepeatingByte(0, count: Self.lengthPrefix)
        response.write(into: &buffer)
        // Only offsets leave the scan: a slice still alive when the prefix is written would
        // make that write copy the whole buffer (ByteBuffer is copy-on-write).
        let (dataVersion, found) = Self.scan(
            buffer.getSlice(at: Self.lengthPrefix, length: response.count)!, for: envelopeField)
        guard let (end, length) = found else { return (dataVersion, nil) }
        // The member starts at lengthPrefix + end - length; its prefix goes just before it.
        let start = end - length
        buffer.setInteger(UInt8(0), at: start)
        buffer.setInteger(UInt32(length), at: start + 1)
        buffer.moveReaderIndex(to: start)
        buffer.moveWriterIndex(to: start + Self.lengthPrefix + length)
        return (dataVersion, buffer)
    }

    /// The data version and where the last member `field` ends in `envelope` (an index of
    /// `envelope`), and its length.
    private static func scan(_ envelope: ByteBuffer, for field: UInt32) -> (
        dataVersion: String, found: (end: Int, length: Int)?
    ) {
        var dataVersion = ""
        var found: (end: Int, length: Int)?
        var fields = ProtobufFieldReader(envelope)
        while let (number, value) = fields.next() {
            guard case .lengthDelimited(let body) = value else { continue }
            // protobuf's "last one wins"; an empty message member is present with zero bytes.
            if number == field {
                found = (fields.offset, body.readableBytes)
            } else if number == dataVersionField {
                dataVersion = String(buffer: body)
            }
        }
        return (dataVersion, found)
    }

    /// gRPC's Length-Prefixed-Message header: compressed flag (1 byte) and length (4 bytes).
    public static let lengthPrefix = 5

    /// `Response.data_version` (proto/nhs/league/v1/league.proto).
    static let dataVersionField: UInt32 = 3
}
