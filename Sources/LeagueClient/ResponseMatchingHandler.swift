import LeagueWire
import NIOCore

/// One request on its way out, with the promise its answer completes.
struct PendingCall {
    var request: Request
    var promise: EventLoopPromise<Response>
    var timeout: TimeAmount
}

/// Matches answers to requests by id, so many requests can be in flight on one
/// connection (the server may answer them in any order).
///
/// An id-0 answer with a non-OK status is about the connection itself (for
/// example a frame the server refused); it fails every call still waiting. The
/// exception is the going-away notice (`GoingAway`, issue 14): the server still answers
/// the requests it received, so calls keep waiting; those it does not answer fail with
/// `.goingAway` (retryable) when it closes, and new calls fail with it at once.
final class ResponseMatchingHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = PendingCall
    typealias OutboundOut = ByteBuffer

    private var waiting: [UInt64: (promise: EventLoopPromise<Response>, timer: Scheduled<Void>?)] = [:]
    /// The going-away notice, once the server sent it.
    private let notice: GoingAwayNotice

    init(notice: GoingAwayNotice) { self.notice = notice }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let call = Self.unwrapOutboundIn(data)
        let id = call.request.id
        if let goingAway = notice.received {
            let error = GoingAwayNotice.error(goingAway)
            call.promise.fail(error)
            promise?.fail(error)
            return
        }
        if waiting[id] != nil {
            call.promise.fail(LeagueClientError(.protocolError, "request id \(id) is already in flight"))
            promise?.fail(LeagueClientError(.protocolError, "duplicate request id"))
            return
        }
        // The timer fires on this channel's event loop, where the handler lives.
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let timer: Scheduled<Void>? =
            call.timeout > .zero
            ? context.eventLoop.scheduleTask(in: call.timeout) {
                loopBound.value.fail(id: id, LeagueClientError(.timeout, "no answer within \(call.timeout)"))
            } : nil
        waiting[id] = (call.promise, timer)
        let bytes = ProtobufCodec.encode(call.request)
        // If the write fails (closed connection), the call fails now rather than at its timeout.
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { error in
            loopBound.value.fail(
                id: id, LeagueClientError(.connectionClosed, "could not send the request", cause: error))
        }
        written.futureResult.cascade(to: promise)
        context.write(Self.wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: written)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let body = Self.unwrapInboundIn(data)
        let response: Response
        do {
            response = try ProtobufCodec.decodeResponse(body)
        } catch {
            failAll(LeagueClientError(.protocolError, "undecodable response from server", cause: error))
            context.close(promise: nil)
            return
        }
        if let entry = waiting.removeValue(forKey: response.id) {
            entry.timer?.cancel()
            entry.promise.succeed(response)
        } else if GoingAway.isNotice(response) {
            notice.record(response.status.message)
        } else if response.id == 0, response.status.code != .ok {
            failAll(LeagueClientError(.server(response.status.code), response.status.message))
        }
        // An answer for an id nobody waits for (it timed out) is dropped.
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // After the going-away notice a broken connection is the server leaving: still retryable.
        failAll(
            notice.received.map(GoingAwayNotice.error)
                ?? LeagueClientError(.protocolError, "connection error", cause: error))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(
            notice.received.map(GoingAwayNotice.error)
                ?? LeagueClientError(.connectionClosed, "the server closed the connection"))
        context.fireChannelInactive()
    }

    private func fail(id: UInt64, _ error: LeagueClientError) {
        waiting.removeValue(forKey: id)?.promise.fail(error)
    }

    private func failAll(_ error: LeagueClientError) {
        let all = waiting
        waiting.removeAll()
        for (_, entry) in all {
            entry.timer?.cancel()
            entry.promise.fail(error)
        }
    }
}
