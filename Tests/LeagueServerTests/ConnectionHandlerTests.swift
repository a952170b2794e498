import LeagueService
import LeagueWire
import NIOCore
import NIOEmbedded
import Testing

@testable import LeagueServer

/// One connection's handler on an `EmbeddedChannel`: the test decides when the socket is
/// writable, when the client half-closes, when the server quiesces and when time passes,
/// so every ending is exercised deterministically, with the real service answering.
@Suite("Connection state machine on an EmbeddedChannel")
struct ConnectionHandlerTests {
    /// Counts the reads that get past the request handler to the socket.
    final class ReadCounter: ChannelOutboundHandler {
        typealias OutboundIn = ByteBuffer
        var reads = 0
        func read(context: ChannelHandlerContext) {
            reads += 1
            context.read()
        }
    }

    /// The server's pipeline for one connection, over an embedded channel.
    struct Connection {
        let channel = EmbeddedChannel()
        let counter = ReadCounter()

        init(
            drainTimeout: TimeAmount = .seconds(10), maxRequestsInFlight: Int = .max, frameTimeout: Duration? = nil
        ) throws {
            try channel.pipeline.syncOperations.addHandler(counter)
            if let frameTimeout {
                try channel.pipeline.syncOperations.addHandler(FrameDeadlineHandler(timeout: frameTimeout))
            }
            try channel.pipeline.syncOperations.addHandlers(
                ByteToMessageHandler(FrameDecoder(maxMessageLength: ServerConfiguration.defaultMaxRequestBytes)),
                RequestHandler(
                    service: SharedService.value, logger: testLogger, drainTimeout: drainTimeout,
                    maxRequestsInFlight: maxRequestsInFlight))
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 7411)).wait()
        }

        /// Every request framed, arriving in one read (one batch).
        func send(_ ids: ClosedRange<Int>, trailing: [UInt8] = []) throws {
            var bytes: [UInt8] = []
            for id in ids {
                bytes += RawConnection.frame(ProtobufCodec.encode(ConnectionHandlerTests.request(id: id)))
            }
            try channel.writeInbound(ByteBuffer(bytes: bytes + trailing))
        }

        /// The answers written to the socket so far, in order (a write may carry several frames).
        func answers() throws -> [Response] {
            var out: [Response] = []
            while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
                while buffer.readableBytes > 0 {
                    guard buffer.readInteger(as: UInt8.self) == 0, let length = buffer.readInteger(as: UInt32.self),
                        let body = buffer.readSlice(length: Int(length))
                    else {
                        Issue.record("a malformed frame was written")
                        return out
                    }
                    out.append(try ProtobufCodec.decodeResponse(body))
                }
            }
            return out
        }

        /// The client starts (or stops) reading what it is sent.
        func setWritable(_ writable: Bool) {
            channel.isWritable = writable
            channel.pipeline.fireChannelWritabilityChanged()
        }

        func halfClose() { channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed) }
        func quiesce() { channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent()) }
    }

    /// Alternate calls, so answers differ in size and kind.
    static func request(id: Int) -> Request {
        Request(id: UInt64(id), call: id.isMultiple(of: 2) ? .serverInfo : .getTrust(GetTrustRequest(odsCode: "RP6")))
    }

    @Test("back-pressure: requests received while the client is not reading wait, and reads are held back")
    func backPressure() throws {
        let connection = try Connection()
        connection.setWritable(false)
        try connection.send(1...6)
        #expect(try connection.answers().isEmpty)
        let readsBefore = connection.counter.reads
        connection.channel.read()
        #expect(connection.counter.reads == readsBefore, "a read passed while answers were waiting")

        connection.setWritable(true)
        let answers = try connection.answers()
        #expect(answers.map(\.id) == (1...6).map(UInt64.init))
        #expect(answers.allSatisfy { $0.status.code == .ok })
        #expect(connection.counter.reads == readsBefore + 1, "the held-back read was not resumed")
        #expect(connection.channel.isActive)

        // Writable again: new requests are answered at once and reads pass.
        try connection.send(7...8)
        #expect(try connection.answers().map(\.id) == [7, 8])
        connection.channel.read()
        #expect(connection.counter.reads == readsBefore + 2)
    }

    @Test("half-close: every request received is answered, then the connection closes", arguments: [true, false])
    func halfClose(readingAnswers: Bool) throws {
        let connection = try Connection()
        connection.setWritable(readingAnswers)
        try connection.send(1...5)
        connection.halfClose()
        if !readingAnswers {
            #expect(try connection.answers().isEmpty)
            #expect(connection.channel.isActive, "closed before the owed answers were written")
            connection.setWritable(true)
        }
        #expect(try connection.answers().map(\.id) == (1...5).map(UInt64.init))
        #expect(!connection.channel.isActive)
    }

    @Test("quiesce mid-batch: answered and queued requests all get answers, no more reads, then close")
    func quiesce() throws {
        let connection = try Connection()
        try connection.send(1...3)
        connection.setWritable(false)
        try connection.send(4...7)
        connection.quiesce()
        let readsBefore = connection.counter.reads
        connection.channel.read()
        #expect(connection.counter.reads == readsBefore, "a quiescing connection must not read more")
        #expect(connection.channel.isActive)

        connection.setWritable(true)
        // The going-away notice goes out at once, ahead of the queued answers, naming the last.
        let answers = try connection.answers()
        #expect(answers.map(\.id) == [1, 2, 3, 0, 4, 5, 6, 7])
        #expect(answers[3].status.code == .unavailable)
        #expect(answers[3].status.message == "server going away; requests up to id 7 will be answered")
        #expect(!connection.channel.isActive)
    }

    @Test("drain timeout: a client that never reads is cut off after the timeout, not before")
    func drainTimeout() throws {
        let connection = try Connection(drainTimeout: .seconds(2))
        connection.setWritable(false)
        try connection.send(1...4)
        connection.quiesce()
        connection.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1_999))
        #expect(connection.channel.isActive)
        connection.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(!connection.channel.isActive)
        #expect(try connection.answers().map(\.id) == [0], "only the going-away notice was written")
    }

    @Test(
        "framing error mid-batch: the answers before it, then the id-0 error, then close",
        arguments: [
            ([UInt8(0x80), 0, 0, 0, 1, 0], StatusCode.invalidArgument),
            ([0x01, 0, 0, 0, 1, 0], .unimplemented),
            ([0x00, 0x7F, 0, 0, 0], .resourceExhausted),
        ], [true, false])
    func framingErrorMidBatch(bad: ([UInt8], StatusCode), readingAnswers: Bool) throws {
        let (badFrame, expected) = bad
        let connection = try Connection()
        connection.setWritable(readingAnswers)
        try connection.send(1...4, trailing: badFrame + RawConnection.frame(ProtobufCodec.encode(Self.request(id: 99))))
        if !readingAnswers {
            #expect(try connection.answers().isEmpty)
            connection.setWritable(true)
        }
        let answers = try connection.answers()
        #expect(answers.map(\.id) == [1, 2, 3, 4, 0], "the frame after the bad one must not be answered")
        #expect(answers.last?.status.code == expected)
        #expect(answers.last?.dataVersion == SharedService.value.currentDataVersion)
        #expect(!connection.channel.isActive)
    }

    @Test("a frame cut short by a half-close: queued answers are written before the id-0 error and close")
    func truncatedByHalfClose() throws {
        let connection = try Connection()
        connection.setWritable(false)
        // Four whole frames, then a header announcing 10 bytes followed by only 3.
        try connection.send(1...4, trailing: [0, 0, 0, 0, 10, 0x08, 0x01, 0x52])
        connection.halfClose()
        #expect(connection.channel.isActive, "closed before the queued answers were written")
        connection.setWritable(true)
        let answers = try connection.answers()
        #expect(answers.map(\.id) == [1, 2, 3, 4, 0])
        #expect(answers.last?.status.code == .invalidArgument)
        #expect(!connection.channel.isActive)
    }

    @Test("a frame cut short by a half-close, bytes arriving in several reads: no queued answer is dropped")
    func truncatedByHalfCloseAcrossReads() throws {
        let connection = try Connection()
        connection.setWritable(false)
        try connection.send(1...3)
        try connection.send(4...6, trailing: [0, 0, 0])  // a header begins...
        try connection.channel.writeInbound(ByteBuffer(bytes: [0, 10, 0x08]))  // ...and its body, cut short
        connection.halfClose()
        #expect(connection.channel.isActive, "closed before the queued answers were written")
        connection.setWritable(true)
        let answers = try connection.answers()
        #expect(answers.map(\.id) == [1, 2, 3, 4, 5, 6, 0])
        #expect(answers.last?.status.code == .invalidArgument)
        #expect(!connection.channel.isActive)
    }

    @Test("bytes read after a framing error (same read loop) do not drop the answers queued behind back-pressure")
    func bytesAfterFramingError() throws {
        let connection = try Connection()
        connection.setWritable(false)
        try connection.send(1...4, trailing: [0x80, 0, 0, 0, 1, 0])
        // The decoder is now in its error state: it reports these bytes as an error of its own.
        _ = try? connection.channel.writeInbound(ByteBuffer(bytes: RawConnection.frame([0x08, 0x01])))
        #expect(connection.channel.isActive, "closed before the queued answers were written")
        connection.setWritable(true)
        #expect(try connection.answers().map(\.id) == [1, 2, 3, 4, 0])
        #expect(!connection.channel.isActive)
    }

    @Test("in-flight limit: past it a request is refused at once with its own id; the rest are answered")
    func inFlightLimit() throws {
        let connection = try Connection(maxRequestsInFlight: 2)
        connection.setWritable(false)
        try connection.send(1...5)
        let refused = try connection.answers()
        #expect(refused.map(\.id) == [3, 4, 5])
        #expect(refused.allSatisfy { $0.status.code == .resourceExhausted })
        connection.setWritable(true)
        #expect(try connection.answers().map(\.id) == [1, 2])
        try connection.send(6...6)
        #expect(try connection.answers().map(\.id) == [6])
        #expect(connection.channel.isActive)
    }

    @Test("idle timeout: closes a connection that owes nothing, never one with answers owed")
    func idle() throws {
        let owing = try Connection()
        owing.setWritable(false)
        try owing.send(1...2)
        owing.channel.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
        #expect(owing.channel.isActive)

        let settled = try Connection()
        try settled.send(1...2)
        #expect(try settled.answers().count == 2)
        settled.channel.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
        #expect(!settled.channel.isActive)
    }

    @Test("frame deadline: a frame begun and not finished gets id-0 DEADLINE_EXCEEDED after the answers owed")
    func frameDeadline() throws {
        let connection = try Connection(frameTimeout: .seconds(5))
        try connection.send(1...2, trailing: [0, 0, 0, 0, 9, 0x08])
        connection.channel.read()  // waiting on the client for the rest
        connection.channel.embeddedEventLoop.advanceTime(by: .milliseconds(4_999))
        #expect(connection.channel.isActive)
        connection.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        let answers = try connection.answers()
        #expect(answers.map(\.id) == [1, 2, 0])
        #expect(answers.last?.status.code == .deadlineExceeded)
        #expect(!connection.channel.isActive)
    }

    @Test("frame deadline: time the server holds reads back (back-pressure) does not count")
    func frameDeadlineHeldBack() throws {
        let connection = try Connection(frameTimeout: .seconds(5))
        connection.setWritable(false)
        try connection.send(1...2, trailing: [0, 0, 0])
        connection.channel.read()  // held back: answers are owed
        connection.channel.embeddedEventLoop.advanceTime(by: .seconds(12))
        #expect(connection.channel.isActive)
        connection.setWritable(true)
        #expect(try connection.answers().map(\.id) == [1, 2])
        // Reading again: now the client's delay counts.
        connection.channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(try connection.answers().map(\.id) == [0])
        #expect(!connection.channel.isActive)
    }

    @Test("a body that is not a Request gets an id-0 INVALID_ARGUMENT in its place and the connection goes on")
    func garbageBody() throws {
        let connection = try Connection()
        try connection.send(
            1...1,
            trailing: RawConnection.frame([0xFF, 0xFF, 0xFF])
                + RawConnection.frame(
                    ProtobufCodec.encode(Self.request(id: 2))))
        let answers = try connection.answers()
        #expect(answers.map(\.id) == [1, 0, 2])
        #expect(answers[1].status.code == .invalidArgument)
        #expect(connection.channel.isActive)
    }
}
