import NIOCore

/// Splits a byte stream into gRPC Length-Prefixed-Message frames and produces
/// each frame's message bytes (a `ByteBuffer` slice, header removed).
///
/// It only frames: protobuf decoding is the next handler's job, so that a bad
/// *body* (answer INVALID_ARGUMENT, keep the connection) stays distinguishable
/// from a bad *frame* (answer with the error, then close).
///
/// Errors are ``WireError``s with ``WireError/closesConnection`` true, delivered
/// to the next handler's `errorCaught` by NIO's `ByteToMessageHandler`. Answer
/// with an id-0 ``Response`` carrying ``WireError/status`` and close. The
/// handler decodes nothing after an error: bytes that still arrive are reported
/// as `ByteToMessageDecoderError.dataReceivedInErrorState`, which a closing
/// connection can ignore.
///
/// The errors:
/// - flags byte with undefined bits set: ``WireError/Kind/invalidFlags``,
///   ``StatusCode/invalidArgument`` (checked as soon as the first byte arrives);
/// - compressed bit set: ``WireError/Kind/compressionUnsupported``,
///   ``StatusCode/unimplemented`` (also on the first byte);
/// - announced length above ``maxMessageLength``: ``WireError/Kind/messageTooLarge``,
///   ``StatusCode/resourceExhausted``, raised as soon as the 5-byte header is in,
///   before any of the body is buffered;
/// - the stream ends part-way through a frame: ``WireError/Kind/truncatedFrame``,
///   ``StatusCode/invalidArgument``.
///
/// Usage: `ByteToMessageHandler(FrameDecoder(maxMessageLength: ...))`.
public struct FrameDecoder: NIOSingleStepByteToMessageDecoder, Sendable {
    public typealias InboundOut = ByteBuffer

    /// The largest message (excluding the 5-byte header) this decoder accepts.
    public let maxMessageLength: Int

    /// - Parameter maxMessageLength: The largest message, in bytes, to accept; use
    ///   ``Framing/defaultServerMaxMessageLength`` on the server and
    ///   ``Framing/defaultClientMaxMessageLength`` on the client.
    public init(maxMessageLength: Int = Framing.defaultServerMaxMessageLength) {
        precondition(maxMessageLength >= 0, "maxMessageLength must not be negative")
        self.maxMessageLength = maxMessageLength
    }

    public mutating func decode(buffer: inout ByteBuffer) throws(WireError) -> ByteBuffer? {
        // Validate the flags byte as soon as it is here: a peer speaking another
        // protocol is refused without waiting for four more bytes.
        guard let flags = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else {
            return nil
        }
        if flags & ~Framing.compressedFlag != 0 {
            throw WireError.invalidFlags(flags)
        }
        if flags & Framing.compressedFlag != 0 {
            throw WireError.compressionUnsupported
        }

        guard let length = buffer.getInteger(at: buffer.readerIndex + 1, endianness: .big, as: UInt32.self) else {
            return nil
        }
        // Refuse before buffering the body, so an announced 4 GiB message costs
        // the server five bytes, not four gigabytes.
        let messageLength = Int(length)
        if messageLength > self.maxMessageLength {
            throw WireError.messageTooLarge(length: messageLength, limit: self.maxMessageLength)
        }

        guard buffer.readableBytes >= Framing.headerLength + messageLength else {
            return nil
        }
        buffer.moveReaderIndex(forwardBy: Framing.headerLength)
        // The slice shares the cumulation buffer's storage (no copy); NIO's
        // copy-on-write keeps it valid after the handler reuses the buffer.
        return buffer.readSlice(length: messageLength)
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws(WireError) -> ByteBuffer? {
        if let frame = try self.decode(buffer: &buffer) {
            return frame
        }
        // At EOF, leftover bytes are a frame the peer never finished: report it
        // instead of dropping it silently. (Without EOF the handler is being
        // removed, and NIO passes the leftover bytes on.)
        if seenEOF, buffer.readableBytes > 0 {
            throw WireError.truncatedFrame(leftoverBytes: buffer.readableBytes)
        }
        return nil
    }
}
