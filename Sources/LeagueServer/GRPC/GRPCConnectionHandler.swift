import LeagueService
import Logging
import NIOCore
import NIOHPACK
import NIOHTTP2

/// Serves every gRPC call of one HTTP/2 connection. It sits after a `NIOHTTP2Handler`
/// (which does all of HTTP/2: framing, HPACK, stream states, outbound flow control,
/// settings, pings, GOAWAY) and sees its frames, tagged with their stream: each stream's
/// frames go to that stream's `GRPCCall`, and what a call answers is written back as frames
/// of its stream.
///
/// Why not the stream multiplexer: it gives every stream a child channel with its own
/// pipeline, handler, promises and close future, which cost more than the whole answer of a
/// cached GetTrust (BENCHMARKS.md, "gRPC per stream"). Without the multiplexer, this handler
/// does the two things it did: inbound flow control (`InboundWindow`: WINDOW_UPDATE once a
/// window is half used, as the multiplexer does) and flushing (once per read batch).
///
/// It also carries out a graceful shutdown: on `ChannelShouldQuiesceEvent` it sends GOAWAY
/// naming the last stream accepted (so the client retries later calls elsewhere), lets the
/// streams in flight finish, and closes the connection once none is open. It counts the
/// connection and keeps its calls' request metrics (operations), as `RequestHandler` does
/// for the framing.
final class GRPCConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame
    typealias OutboundOut = HTTP2Frame

    /// The `protocol` label of this transport's metrics.
    static let protocolLabel = "grpc"

    private let router: GRPCRouter
    private let logger: Logger
    /// The calls whose streams are open, by stream.
    private var calls: [HTTP2StreamID: GRPCCall] = [:]
    private var lastStreamID = HTTP2StreamID.rootStream
    private var quiescing = false
    /// A graceful shutdown has begun (GOAWAY sent): a call that would stay open must not start.
    var isQuiescing: Bool { quiescing }
    private var context: ChannelHandlerContext?
    /// Inside a read batch (`channelRead` ... `channelReadComplete`): writes wait for its flush.
    private var reading = false
    private var flushPending = false
    private let connectionWindow: InboundWindow
    private let streamWindow: InboundWindow
    /// The trailers of an OK League answer, built for the data version last served: every
    /// answer of a snapshot ends with the same block, so it is built once, not per call.
    private var lastOKTrailers: (dataVersion: String, block: HPACKHeaders)?
    /// Bytes of answer messages written whose streams have not closed yet: still in
    /// swift-nio-http2's buffers, waiting for the client's flow-control window or the socket.
    var unsentAnswerBytes = 0
    /// Unary calls of this read batch still waiting for their request (`GRPCCall.awaitingRequest`).
    private var awaitingRequest: [GRPCCall] = []
    /// Calls whose answers wait for `unsentAnswerBytes` to drain below the limit, oldest first.
    private var waiting: [GRPCCall] = []
    /// Every call of this connection runs on its event loop, so one recorder serves them all.
    var requestMetrics = RequestRecorder(protocol: GRPCConnectionHandler.protocolLabel)

    /// - Parameters:
    ///   - connectionWindow: the connection's inbound window to keep open (bytes).
    ///   - streamWindow: each stream's inbound window to keep open: SETTINGS_INITIAL_WINDOW_SIZE.
    init(router: GRPCRouter, logger: Logger, connectionWindow: Int, streamWindow: Int) {
        self.router = router
        self.logger = logger
        self.connectionWindow = InboundWindow(target: connectionWindow)
        self.streamWindow = InboundWindow(target: streamWindow)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        ServiceMetrics.connectionOpened(protocol: Self.protocolLabel)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        for call in calls.values { call.closed() }
        calls = [:]
        waiting = []
        awaitingRequest = []
        ServiceMetrics.connectionClosed(protocol: Self.protocolLabel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        reading = true
        // The instance `unwrapInboundIn` (a protocol requirement, specialized for this class),
        // not the static one: that protocol extension method is left unspecialized
        // here, a dynamic cast per frame (BENCHMARKS.md, "gRPC per request, round 3").
        let frame = unwrapInboundIn(data)
        if let call = calls[frame.streamID] {
            call.receive(frame.payload, eventLoop: context.eventLoop)
        } else if case .headers = frame.payload, frame.streamID != .rootStream {
            // A new stream (NIOHTTP2Handler has checked it is one the client may open).
            let call = GRPCCall(streamID: frame.streamID, connection: self, router: router, logger: logger)
            calls[frame.streamID] = call
            lastStreamID = max(lastStreamID, frame.streamID)
            call.receive(frame.payload, eventLoop: context.eventLoop)
        }
        // Everything else (SETTINGS, PING, GOAWAY, WINDOW_UPDATE, frames of closed streams)
        // is NIOHTTP2Handler's business.
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        reading = false
        if !awaitingRequest.isEmpty {
            // Calls whose request did not arrive whole in this batch get their timer now.
            for call in awaitingRequest { call.startRequestTimer(eventLoop: context.eventLoop) }
            awaitingRequest.removeAll(keepingCapacity: true)
        }
        if flushPending {
            flushPending = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    private static let windowUpdated = ObjectIdentifier(NIOHTTP2WindowUpdatedEvent.self)
    private static let streamCreated = ObjectIdentifier(NIOHTTP2StreamCreatedEvent.self)
    private static let streamClosed = ObjectIdentifier(StreamClosedEvent.self)

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The HTTP/2 events of every call (ten per call: every DATA frame, in or out, changes
        // two windows; each stream is created and closed once) are told apart by their type,
        // a pointer compare, before any dynamic cast: a cast that misses costs hundreds of
        // instructions. They stop here: nothing after this handler needs them.
        let type = ObjectIdentifier(Swift.type(of: event))
        if type == Self.windowUpdated, let window = event as? NIOHTTP2WindowUpdatedEvent {
            return openInboundWindow(window)
        }
        if type == Self.streamCreated { return }  // the call is made from the stream's first HEADERS frame
        if type == Self.streamClosed, let closed = event as? StreamClosedEvent {
            guard let call = calls.removeValue(forKey: closed.streamID) else { return }
            call.closed()
            unsentAnswerBytes -= call.answerBytes
            if call.isWaiting, let i = waiting.firstIndex(where: { $0 === call }) { waiting.remove(at: i) }
            resumeWaiting()
            return closeIfEnding(context: context)
        }
        switch event {
        case IdleStateHandler.IdleStateEvent.read:
            // Idle timeout (limits): nothing heard for the whole timeout (the server's
            // `IdleStateHandler` watches reads only: why there), and no call but open reflection streams waiting
            // for their client (one used to keep its connection open for good). A unary call,
            // answered or still arriving (within the frame timeout), keeps it.
            guard calls.values.allSatisfy(\.isOpenStreamWaitingForClient) else { return }
            Limit.idle.tripped()
            context.close(promise: nil)
        case ChannelEvent.inputClosed:
            // The client closed its side of the TCP connection, as h2load and grpcio do when
            // they are done. Without this the connection stayed open (CLOSE_WAIT) until the
            // idle timeout, holding its HTTP/2 state (about 33 kB), its descriptor and its place
            // at the connection limit: every health probe or short-lived client left one
            // behind for five minutes. Calls still missing part of their request end now;
            // answered ones (and those held by back-pressure) are sent first, then the close.
            clientGone = true
            for call in Array(calls.values) { call.clientClosedConnection() }
            flush()
            closeIfEnding(context: context)
        case is ChannelShouldQuiesceEvent:
            guard !quiescing else { return }
            quiescing = true
            let goAway = HTTP2Frame(
                streamID: .rootStream,
                payload: .goAway(lastStreamID: lastStreamID, errorCode: .noError, opaqueData: nil))
            context.writeAndFlush(NIOAny(goAway), promise: nil)
            for call in Array(calls.values) { call.serverClosing() }
            flush()
            closeIfEnding(context: context)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A stream error has already been answered by NIOHTTP2Handler with RST_STREAM (and the
        // stream's close event follows); it concerns one call, not the connection.
        if error is NIOHTTP2Errors.StreamError { return }
        context.fireErrorCaught(error)
    }

    // MARK: writing, for the calls

    /// Writes one frame of `streamID`; flushed at the end of the read batch.
    func write(_ payload: HTTP2Frame.FramePayload, on streamID: HTTP2StreamID) {
        guard let context else { return }
        // `NIOAny(_:)`, not `Self.wrapOutboundOut`: see `channelRead`.
        context.write(NIOAny(HTTP2Frame(streamID: streamID, payload: payload)), promise: nil)
        flushPending = true
    }

    /// The trailers ending an OK League answer of `dataVersion`, after its response headers.
    func okTrailers(dataVersion: String) -> HPACKHeaders {
        if let last = lastOKTrailers, last.dataVersion == dataVersion { return last.block }
        let block = GRPCCall.trailers(of: .ok(framed: ByteBuffer(), dataVersion: dataVersion), afterHeaders: true)
        lastOKTrailers = (dataVersion, block)
        return block
    }

    /// Lists a unary call whose request has not arrived whole (its timer starts at the batch's end).
    func awaitRequest(_ call: GRPCCall) {
        awaitingRequest.append(call)
    }

    // MARK: write back-pressure

    /// Whether a call may add its answer now: the answers not yet sent are under the limit.
    var mayAnswer: Bool { unsentAnswerBytes < router.maxBufferedResponseBytes }

    /// Why a bidirectional call is refused while answers wait (it cannot be held back).
    var backPressureMessage: String {
        "\(unsentAnswerBytes) bytes of answers are waiting for this client to read them "
            + "(limit \(router.maxBufferedResponseBytes))"
    }

    /// Holds `call` until earlier answers have been sent.
    func wait(_ call: GRPCCall) {
        call.isWaiting = true
        waiting.append(call)
    }

    private var resumeScheduled = false

    /// Answers waiting calls, oldest first, while the unsent answers are under the limit.
    /// Streams close while swift-nio-http2 is sending (inside its flush), so the calls are
    /// answered just after, not from inside it.
    private func resumeWaiting() {
        guard !waiting.isEmpty, mayAnswer, !resumeScheduled, let context else { return }
        resumeScheduled = true
        context.eventLoop.assumeIsolated().execute { [self] in
            resumeScheduled = false
            while mayAnswer, !waiting.isEmpty {
                waiting.removeFirst().resume()
            }
            flush()
        }
    }

    /// Flushes what was written outside a read batch (a call's deadline passing).
    func flush() {
        guard !reading, flushPending, let context else { return }
        flushPending = false
        context.flush()
    }

    // MARK: inbound flow control

    /// Tops up an inbound window (the connection's or a stream's) once the client has used
    /// half of it: each call reads what arrives at once (its messages are bounded by the
    /// request size limit), so holding credit back would only stall the client.
    private func openInboundWindow(_ event: NIOHTTP2WindowUpdatedEvent) {
        guard let size = event.inboundWindowSize else { return }
        let increment: Int?
        if event.streamID == .rootStream {
            increment = connectionWindow.increment(forSize: size)
        } else {
            guard calls[event.streamID] != nil else { return }
            increment = streamWindow.increment(forSize: size)
        }
        guard let increment else { return }
        write(.windowUpdate(windowSizeIncrement: increment), on: event.streamID)
        flush()
    }

    /// The client closed its side of the connection (`inputClosed`).
    private var clientGone = false
    private var closing = false
    /// Closes the connection after `drainTimeout` whatever is left (a client not reading).
    private var drainTimer: Scheduled<Void>?

    /// A connection that is ending (a graceful shutdown, or the client closed its side) closes
    /// once every open call has been answered (its stream closed: its last frame handed to
    /// the socket); one whose client has gone is also closed after the drain timeout.
    private func closeIfEnding(context: ChannelHandlerContext) {
        guard quiescing || clientGone else { return }
        if calls.isEmpty { return closeAfterWrites(context: context) }
        if clientGone { startDrainTimer(context: context) }
    }

    private func startDrainTimer(context: ChannelHandlerContext) {
        guard drainTimer == nil else { return }
        drainTimer = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(router.drainTimeout)) {
            context.close(promise: nil)
        }
    }

    /// Sends GOAWAY behind everything written so far, then closes once it has gone out: every
    /// stream has closed, so no frame waits in swift-nio-http2's flow-control buffers, and
    /// the socket writes in order, so GOAWAY's completion means every answer before it was
    /// written (a client that only half-closed reads them all). A client that does not read
    /// is closed after the drain timeout.
    private func closeAfterWrites(context: ChannelHandlerContext) {
        guard !closing else { return }
        closing = true
        let goAway = HTTP2Frame(
            streamID: .rootStream, payload: .goAway(lastStreamID: lastStreamID, errorCode: .noError, opaqueData: nil))
        let sent = context.eventLoop.makePromise(of: Void.self)
        startDrainTimer(context: context)
        sent.futureResult.assumeIsolated().whenComplete { [self] _ in
            drainTimer?.cancel()
            drainTimer = nil
            context.close(promise: nil)
        }
        flushPending = false
        // Usually called from inside the write that closed the last stream (its trailers):
        // written from the next turn, behind what the calls wrote.
        context.eventLoop.assumeIsolated().execute {
            context.writeAndFlush(NIOAny(goAway), promise: sent)
        }
    }
}
