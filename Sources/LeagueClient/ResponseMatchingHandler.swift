import LeagueWire
import NIOCore
import NIOSSL
import Synchronization

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
    /// Why the connection broke (and the going-away notice, once the server sent it),
    /// kept for calls made after it closed.
    private let breakage: ConnectionBreakage
    private var notice: GoingAwayNotice { breakage.notice }

    init(breakage: ConnectionBreakage) {
        self.breakage = breakage
    }

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
        let breakage = self.breakage
        written.futureResult.whenFailure { error in
            loopBound.value.fail(
                id: id,
                breakage.error(or: LeagueClientError(.connectionClosed, "could not send the request", cause: error)))
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
        let clientError = Self.clientError(for: error)
        breakage.record(clientError)
        // After the going-away notice a broken connection is the server leaving: still retryable.
        failAll(breakage.error(or: clientError))
        context.close(promise: nil)
    }

    /// TLS failures get their own code and a hint, since the fix is in the caller's options.
    static func clientError(for error: any Error) -> LeagueClientError {
        if error is NIOSSLError || error is BoringSSLError {
            // With TLS 1.3 a server rejects a client certificate after the client's
            // handshake has finished, so the rejection arrives here, on the first call.
            return LeagueClientError(
                .tls, "TLS failed (the server may require a client certificate it trusts)", cause: error)
        }
        if let wire = error as? WireError, wire.kind == .invalidFlags {
            // A TLS record (an alert) starts with a byte our frames never have.
            return LeagueClientError(
                .tls, "the server did not answer in nhs-league frames: does it require TLS?", cause: error)
        }
        return LeagueClientError(.protocolError, "connection error", cause: error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(breakage.error(or: LeagueClientError(.connectionClosed, "the server closed the connection")))
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

/// The first error that broke a connection, so a call made after the connection closed
/// reports it (for example a TLS refusal that arrived before the first request was sent)
/// rather than only "closed".
final class ConnectionBreakage: Sendable {
    private let error = Mutex<LeagueClientError?>(nil)
    /// The server's going-away notice (issue 14): once it arrived, every failure is the
    /// server leaving, a distinct retryable error, whatever broke the connection after it.
    let notice = GoingAwayNotice()

    func record(_ error: LeagueClientError) {
        self.error.withLock { if $0 == nil { $0 = error } }
    }

    /// The going-away error once the notice arrived, else the recorded error, else `fallback`.
    func error(or fallback: LeagueClientError) -> LeagueClientError {
        notice.received.map(GoingAwayNotice.error) ?? error.withLock { $0 } ?? fallback
    }
}
