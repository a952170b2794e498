import LeagueWire
import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@Suite("FrameDecoder")
struct FrameDecoderTests {
    /// A frame: flags, big-endian length, payload.
    static func frame(_ payload: [UInt8], flags: UInt8 = 0, length: UInt32? = nil) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(flags)
        buffer.writeInteger(length ?? UInt32(payload.count), endianness: .big)
        buffer.writeBytes(payload)
        return buffer
    }

    static func makeChannel(maxMessageLength: Int = 64) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(
            ByteToMessageHandler(FrameDecoder(maxMessageLength: maxMessageLength))
        )
        return channel
    }

    /// Asserts that `body` throws a framing `WireError` of `kind` with `code`.
    static func expectFramingError(
        _ kind: WireError.Kind,
        _ code: StatusCode,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("expected \(kind) / \(code), nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as WireError {
            #expect(error.kind == kind, sourceLocation: sourceLocation)
            #expect(error.code == code, sourceLocation: sourceLocation)
            #expect(error.closesConnection, sourceLocation: sourceLocation)
            #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a WireError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: well-formed input

    @Test("ByteToMessageDecoderVerifier: simple, drip-fed and many-at-once")
    func verifier() throws {
        let payloads: [[UInt8]] = [
            [],
            [0x42],
            Array(0..<200).map { UInt8($0) },
            Array(repeating: 0xAB, count: 1_024),  // exactly the limit below
            ProtobufCodec.encode(Request(id: 1, call: .serverInfo)),
            [0, 0, 0, 0, 0],  // payload that looks like a header
        ]
        let pairs = payloads.map { payload in
            (Self.frame(payload), [ByteBuffer(bytes: payload)])
        }
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) {
            FrameDecoder(maxMessageLength: 1_024)
        }
    }

    @Test("a frame fed one byte at a time comes out once, when complete")
    func byteByByte() throws {
        let channel = try Self.makeChannel()
        let frame = Self.frame([1, 2, 3, 4, 5, 6, 7])
        for (index, byte) in frame.readableBytesView.enumerated() {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
            let output = try channel.readInbound(as: ByteBuffer.self)
            if index < frame.readableBytes - 1 {
                #expect(output == nil)
            } else {
                #expect(output == ByteBuffer(bytes: [1, 2, 3, 4, 5, 6, 7]))
            }
        }
        #expect(try channel.finish().isClean)
    }

    @Test("several frames in one read come out in order")
    func severalFramesInOneRead() throws {
        let channel = try Self.makeChannel()
        var input = Self.frame([1])
        input.writeImmutableBuffer(Self.frame([]))
        input.writeImmutableBuffer(Self.frame([2, 3]))
        input.writeImmutableBuffer(Self.frame([4, 5, 6]))
        // plus the first half of another frame, completed by the next read
        input.writeImmutableBuffer(Self.frame([7, 8, 9]).getSlice(at: 0, length: 6)!)
        try channel.writeInbound(input)
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(bytes: [1]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer())
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(bytes: [2, 3]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(bytes: [4, 5, 6]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        try channel.writeInbound(ByteBuffer(bytes: [8, 9]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(bytes: [7, 8, 9]))
        #expect(try channel.finish().isClean)
    }

    @Test("a zero-length frame is a frame with an empty payload")
    func zeroLength() throws {
        let channel = try Self.makeChannel()
        try channel.writeInbound(Self.frame([]))
        let frame = try #require(try channel.readInbound(as: ByteBuffer.self))
        #expect(frame.readableBytes == 0)
        // and decodes as an all-default Request
        #expect(try ProtobufCodec.decodeRequest(frame) == Request(id: 0, call: .unset))
        #expect(try channel.finish().isClean)
    }

    @Test("a message of exactly maxMessageLength is accepted")
    func exactlyAtLimit() throws {
        let channel = try Self.makeChannel(maxMessageLength: 64)
        try channel.writeInbound(Self.frame(Array(repeating: 7, count: 64)))
        #expect(try channel.readInbound(as: ByteBuffer.self)?.readableBytes == 64)
        #expect(try channel.finish().isClean)
    }

    @Test("the server default limit is 64 KiB")
    func defaults() {
        #expect(FrameDecoder().maxMessageLength == 64 * 1_024)
        #expect(Framing.defaultServerMaxMessageLength == 65_536)
        #expect(Framing.defaultClientMaxMessageLength > Framing.defaultServerMaxMessageLength)
    }

    // MARK: refused input

    @Test(
        "an oversized length is refused as soon as the header is in, before any body",
        arguments: [65, 64 * 1_024, Int(Int32.max), Int(UInt32.max)]
    )
    func oversizedRefusedAfterHeader(length: Int) throws {
        let channel = try Self.makeChannel(maxMessageLength: 64)
        let header = Self.frame([], length: UInt32(length))
        // The first four header bytes are not enough to judge the length...
        try channel.writeInbound(header.getSlice(at: 0, length: 4)!)
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        // ...the fifth is, and no body byte is ever sent.
        Self.expectFramingError(.messageTooLarge, .resourceExhausted) {
            try channel.writeInbound(header.getSlice(at: 4, length: 1)!)
        }
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        _ = try? channel.finish()
    }

    @Test("length 0xFFFFFFFF is refused even with the largest allowed limit")
    func maximumLength() throws {
        let channel = try Self.makeChannel(maxMessageLength: Int(UInt32.max) - 1)
        Self.expectFramingError(.messageTooLarge, .resourceExhausted) {
            try channel.writeInbound(Self.frame([], length: .max))
        }
        _ = try? channel.finish()
    }

    @Test("the compressed flag is refused with UNIMPLEMENTED on the first byte")
    func compressedFlag() throws {
        let channel = try Self.makeChannel()
        Self.expectFramingError(.compressionUnsupported, .unimplemented) {
            try channel.writeInbound(ByteBuffer(bytes: [0x01]))
        }
        _ = try? channel.finish()

        let whole = try Self.makeChannel()
        Self.expectFramingError(.compressionUnsupported, .unimplemented) {
            try whole.writeInbound(Self.frame([1, 2, 3], flags: 0x01))
        }
        _ = try? whole.finish()
    }

    @Test("undefined flag bits are refused with INVALID_ARGUMENT", arguments: [0x02, 0x03, 0x80, 0xFF] as [UInt8])
    func otherFlagBits(flags: UInt8) throws {
        let channel = try Self.makeChannel()
        Self.expectFramingError(.invalidFlags, .invalidArgument) {
            try channel.writeInbound(Self.frame([1], flags: flags))
        }
        _ = try? channel.finish()
    }

    @Test("a bad frame after good ones: the good ones are delivered, then the error")
    func errorAfterGoodFrames() throws {
        let channel = try Self.makeChannel()
        var input = Self.frame([1])
        input.writeImmutableBuffer(Self.frame([2], flags: 0x40))
        Self.expectFramingError(.invalidFlags, .invalidArgument) {
            try channel.writeInbound(input)
        }
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(bytes: [1]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        _ = try? channel.finish()
    }

    @Test(
        "a stream that ends inside a frame is an error, not silence",
        arguments: [
            [0x00],  // flags only
            [0x00, 0x00, 0x00],  // part of the length
            [0x00, 0x00, 0x00, 0x00, 0x05],  // header, no body
            [0x00, 0x00, 0x00, 0x00, 0x05, 0x01, 0x02],  // header, part of the body
        ] as [[UInt8]]
    )
    func truncatedAtEOF(bytes: [UInt8]) throws {
        let channel = try Self.makeChannel()
        try channel.writeInbound(ByteBuffer(bytes: bytes))
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        Self.expectFramingError(.truncatedFrame, .invalidArgument) {
            _ = try channel.finish()
        }
    }

    @Test("EOF after complete frames and on input-closed is clean")
    func cleanEOF() throws {
        let channel = try Self.makeChannel()
        try channel.writeInbound(Self.frame([9, 9]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(bytes: [9, 9]))
        #expect(try channel.finish().isClean)
    }

    @Test("half-closed input with a partial frame is reported too")
    func truncatedOnInputClosed() throws {
        let channel = try Self.makeChannel()
        try channel.writeInbound(ByteBuffer(bytes: [0x00, 0x00, 0x00, 0x00, 0x02, 0x01]))
        Self.expectFramingError(.truncatedFrame, .invalidArgument) {
            channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
            try channel.throwIfErrorCaught()
        }
        _ = try? channel.finish()
    }
}
