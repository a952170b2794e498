import NIOCore

/// Splits a byte stream into gRPC Length-Prefixed-Message frames and produces
/// each frame's message bytes (a `ByteBuffer` slice, header removed). It only
/// frames, so a bad *body* (answer INVALID_ARGUMENT, keep the connection) stays
/// distinct from a bad *frame* (answer, then close).
///
/// Its errors (``WireError``, all closing the connection) reach the next handler's
/// `errorCaught`: undefined flag bits (``WireError/Kind/invalidFlags``) or the
/// compressed bit (``WireError/Kind/compressionUnsupported``), both on the first
/// byte; a length above ``maxMessageLength`` (``WireError/Kind/messageTooLarge``)
/// as soon as the header is in, before the body is buffered; and a stream ending
/// inside a frame (``WireError/Kind/truncatedFrame``). Usage:
/// `ByteToMessageHandler(FrameDecoder(maxMessageLength: ...))`.
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

    // ByteToMessageDecoder's entry points, written out with the same behaviour as
    // NIOSingleStepByteToMessageDecoder's defaults: those are generic and not inlinable, so
    // every frame ran them unspecialized (a dynamic cast in `wrapInboundOut`, runtime
    // metadata lookups).

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try self.decode(buffer: &buffer) else { return .needMoreData }
        context.fireChannelRead(NIOAny(frame))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        guard let frame = try self.decodeLast(buffer: &buffer, seenEOF: seenEOF) else { return .needMoreData }
        context.fireChannelRead(NIOAny(frame))
        return .continue
    }
}
