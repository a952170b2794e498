import NIOCore

/// Constants and helpers for the gRPC Length-Prefixed-Message framing used on
/// the nhs-league TCP connection:
///
/// ```
/// 1 byte   flags   bit 0 = compressed (unsupported, must be 0); other bits must be 0
/// 4 bytes  length  N, unsigned big-endian
/// N bytes  message one protobuf `Request` (client -> server) or `Response` (server -> client)
/// ```
public enum Framing {
    /// Size of the frame header: one flags byte and a four-byte length.
    public static let headerLength = 5

    /// The flags-byte bit that marks a compressed message.
    public static let compressedFlag: UInt8 = 0x01

    /// The server's default limit on one request message (64 KiB). Requests are
    /// small; the limit bounds what one connection can make the server buffer.
    public static let defaultServerMaxMessageLength = 64 * 1024

    /// The client's default limit on one response message (16 MiB). Responses
    /// (a 200-row league table with rankings) are far larger than requests, but
    /// a limit still protects the client from a broken peer.
    public static let defaultClientMaxMessageLength = 16 * 1024 * 1024

    /// Writes a frame header (flags 0) announcing a message of `messageLength` bytes.
    ///
    /// - Precondition: `messageLength` fits in 32 bits (a `ByteBuffer` cannot be
    ///   larger, so any real payload does).
    public static func writeHeader(messageLength: Int, into buffer: inout ByteBuffer) {
        precondition(
            messageLength >= 0 && messageLength <= Int(UInt32.max),
            "message of \(messageLength) bytes cannot be framed"
        )
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(UInt32(messageLength), endianness: .big)
    }

    /// Writes `payload`'s readable bytes as one uncompressed frame. `payload` is
    /// not modified.
    public static func writeFrame(_ payload: ByteBuffer, into buffer: inout ByteBuffer) {
        self.writeHeader(messageLength: payload.readableBytes, into: &buffer)
        buffer.writeImmutableBuffer(payload)
    }
}
