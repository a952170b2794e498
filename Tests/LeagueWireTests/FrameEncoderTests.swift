import LeagueWire
import NIOCore
import NIOEmbedded
import Testing

@Suite("Frame encoders and the full wire path")
struct FrameEncoderTests {
    @Test("Framing.writeFrame writes flags 0, big-endian length, payload")
    func writeFrame() {
        var out = ByteBuffer()
        Framing.writeFrame(ByteBuffer(bytes: [0xAA, 0xBB, 0xCC]), into: &out)
        #expect(Array(out.readableBytesView) == [0x00, 0x00, 0x00, 0x00, 0x03, 0xAA, 0xBB, 0xCC])

        var empty = ByteBuffer()
        Framing.writeFrame(ByteBuffer(), into: &empty)
        #expect(Array(empty.readableBytesView) == [0, 0, 0, 0, 0])

        var big = ByteBuffer()
        Framing.writeHeader(messageLength: 0x0102_0304, into: &big)
        #expect(Array(big.readableBytesView) == [0x00, 0x01, 0x02, 0x03, 0x04])
    }

    @Test("FrameEncoder in a pipeline frames ByteBuffers")
    func frameEncoder() throws {
        let channel = EmbeddedChannel(handler: MessageToByteHandler(FrameEncoder()))
        try channel.writeOutbound(ByteBuffer(bytes: [1, 2]))
        let out = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(Array(out.readableBytesView) == [0, 0, 0, 0, 2, 1, 2])
        #expect(try channel.finish().isClean)
    }

    @Test("client -> server: framed requests are decoded by FrameDecoder + codec")
    func requestPath() throws {
        let server = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder()))
        // All requests arrive in one read, as a pipelining client would send them.
        var wire = ByteBuffer()
        for (_, request) in Fixtures.requests {
            Framing.writeFrame(ByteBuffer(bytes: ProtobufCodec.encode(request)), into: &wire)
        }
        try server.writeInbound(wire)
        for (_, request) in Fixtures.requests {
            let frame = try #require(try server.readInbound(as: ByteBuffer.self))
            #expect(try ProtobufCodec.decodeRequest(frame) == request)
        }
        #expect(try server.readInbound(as: ByteBuffer.self) == nil)
        #expect(try server.finish().isClean)
    }

    @Test("server -> client: framed responses are decoded by FrameDecoder + codec")
    func responsePath() throws {
        let client = EmbeddedChannel(
            handler: ByteToMessageHandler(FrameDecoder(maxMessageLength: Framing.defaultClientMaxMessageLength))
        )
        for (_, response) in Fixtures.responses {
            var wire = ByteBuffer()
            Framing.writeFrame(ByteBuffer(bytes: ProtobufCodec.encode(response)), into: &wire)
            // Deliver in awkward 7-byte pieces.
            var remaining = wire
            while remaining.readableBytes > 0 {
                let piece = remaining.readSlice(length: min(7, remaining.readableBytes))!
                try client.writeInbound(piece)
            }
            let frame = try #require(try client.readInbound(as: ByteBuffer.self))
            #expect(try ProtobufCodec.decodeResponse(frame) == response)
        }
        #expect(try client.finish().isClean)
    }

    @Test("a 200-row league table needs more than the server's request limit")
    func largeResponseSize() {
        let bytes = ProtobufCodec.encode(Response(id: 1, result: .leagueTable(Fixtures.leagueTableResultLarge)))
        #expect(bytes.count > Framing.defaultServerMaxMessageLength)
        #expect(bytes.count < Framing.defaultClientMaxMessageLength)
    }

    @Test("a frame with a bad body is still a good frame: framing and decoding fail separately")
    func badBodyGoodFrame() throws {
        let server = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder()))
        var wire = ByteBuffer()
        Framing.writeFrame(ByteBuffer(bytes: [0xFF, 0xFF]), into: &wire)
        Framing.writeFrame(ByteBuffer(bytes: ProtobufCodec.encode(Request(id: 2, call: .serverInfo))), into: &wire)
        try server.writeInbound(wire)

        let bad = try #require(try server.readInbound(as: ByteBuffer.self))
        #expect(throws: WireError.self) { try ProtobufCodec.decodeRequest(bad) }
        do {
            _ = try ProtobufCodec.decodeRequest(bad)
        } catch {
            #expect(!error.closesConnection)
            #expect(error.status == Status(code: .invalidArgument, message: error.message))
        }
        let good = try #require(try server.readInbound(as: ByteBuffer.self))
        #expect(try ProtobufCodec.decodeRequest(good) == Request(id: 2, call: .serverInfo))
        #expect(try server.finish().isClean)
    }
}

@Suite("WireError")
struct WireErrorTests {
    @Test("kinds know whether they close the connection")
    func kinds() {
        #expect(WireError.Kind.messageTooLarge.isFramingError)
        #expect(WireError.Kind.compressionUnsupported.isFramingError)
        #expect(WireError.Kind.invalidFlags.isFramingError)
        #expect(WireError.Kind.truncatedFrame.isFramingError)
        #expect(!WireError.Kind.malformedMessage.isFramingError)
    }

    @Test("public initialiser, status and description")
    func publicAPI() {
        struct Underlying: Error, CustomStringConvertible { var description: String { "disk on fire" } }
        let error = WireError(.malformedMessage, code: .internal, message: "could not encode", cause: Underlying())
        #expect(error.kind == .malformedMessage)
        #expect(error.status == Status(code: .internal, message: "could not encode"))
        #expect(error.description.contains("INTERNAL"))
        #expect(error.description.contains("disk on fire"))
        #expect(!error.closesConnection)
    }
}
