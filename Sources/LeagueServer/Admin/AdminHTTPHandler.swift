import LeagueService
import NIOCore
import NIOHTTP1

/// Answers the admin listener's three GET endpoints:
/// - `/metrics`: the metrics text the executable's backend renders (Prometheus text format);
/// - `/healthz`: 200 while the process runs;
/// - `/readyz`: 200 when `Readiness.isReady`, else 503 with the reason.
///
/// One small request at a time, answered in place: scrapes and probes are rare and cheap,
/// and this listener has its own event loop group, off the protocol's path.
final class AdminHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let routes: AdminRoutes
    private var head: HTTPRequestHead?

    init(routes: AdminRoutes) {
        self.routes = routes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break  // no endpoint takes a body
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let answer = routes.answer(method: head.method, uri: head.uri)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: answer.contentType)
        headers.add(name: "Content-Length", value: String(answer.body.utf8.count))
        headers.add(name: "Connection", value: head.isKeepAlive ? "keep-alive" : "close")
        let responseHead = HTTPResponseHead(version: head.version, status: answer.status, headers: headers)
        context.write(Self.wrapOutboundOut(.head(responseHead)), promise: nil)
        context.write(Self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: answer.body)))), promise: nil)
        let keepAlive = head.isKeepAlive
        context.writeAndFlush(Self.wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            if !keepAlive { context.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// What each admin path answers; kept apart from the NIO handler so it is plain to read.
struct AdminRoutes: Sendable {
    struct Answer {
        var status: HTTPResponseStatus
        var contentType = "text/plain; charset=utf-8"
        var body: String
    }

    let readiness: Readiness
    let metricsText: @Sendable () -> String

    func answer(method: HTTPMethod, uri: String) -> Answer {
        guard method == .GET || method == .HEAD else {
            return Answer(status: .methodNotAllowed, body: "only GET\n")
        }
        switch uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri {
        case "/metrics":
            return Answer(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metricsText())
        case "/healthz":
            return Answer(status: .ok, body: "ok\n")
        case "/readyz":
            if let reason = readiness.notReadyReason {
                return Answer(status: .serviceUnavailable, body: "not ready: \(reason)\n")
            }
            return Answer(status: .ok, body: "ready\n")
        default:
            return Answer(status: .notFound, body: "not found; try /metrics, /healthz or /readyz\n")
        }
    }
}
