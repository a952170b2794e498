import LeagueService
import LeagueWire
import NIOCore

/// Every gRPC method the server serves, by HTTP/2 `:path`: the League RPCs (from the
/// generated table, so every call in the proto's `service League`), the health service and
/// server reflection. The League RPCs call the transport-free `LeagueService`, as the framing does.
struct GRPCRouter: Sendable {
    /// Each method's handler and, for a League RPC, the `Request.call` member name
    /// ("get_trust"): the `call` label of the request metrics, the same as the framing's.
    /// One lookup per call.
    private let routes: [String: GRPCRoute]
    /// The largest request message accepted (RESOURCE_EXHAUSTED beyond it).
    let maxRequestBytes: Int
    /// The largest response message sent (RESOURCE_EXHAUSTED instead of a bigger one).
    let maxResponseBytes: Int
    /// Write back-pressure (`ServerConfiguration.maxBufferedResponseBytes`): once a
    /// connection's answers not yet sent reach this many bytes, its new calls wait for them.
    let maxBufferedResponseBytes: Int
    /// How long a unary call's request may take to arrive whole (`ServerConfiguration.frameTimeout`,
    /// slowloris); nil for no limit.
    let requestTimeout: Duration?
    /// How long a closing connection waits for its last answers to reach a client that is
    /// not reading them (`ServerConfiguration.drainTimeout`).
    let drainTimeout: Duration

    init(
        service: LeagueService, readiness: Readiness, maxRequestBytes: Int, maxResponseBytes: Int,
        maxBufferedResponseBytes: Int, requestTimeout: Duration? = nil, drainTimeout: Duration = .seconds(10)
    ) {
        var routes: [String: GRPCRoute] = [:]
        for method in GRPCMethod.leagueMethods {
            // An empty message is a valid request of every RPC; wrapped, it names its call.
            let callName = (try? method.request(wrapping: ByteBuffer()))?.call.name ?? method.name
            let handler = GRPCHandlerKind.unary { message, timeAllowed, receivedAt in
                Self.answer(
                    method, message: message, timeAllowed: timeAllowed, receivedAt: receivedAt, service: service)
            }
            routes[method.path] = GRPCRoute(handler: handler, callName: callName)
        }
        for (path, handler) in GRPCHealth.routes(readiness: readiness) { routes[path] = GRPCRoute(handler: handler) }
        for (path, handler) in GRPCReflection.routes() { routes[path] = GRPCRoute(handler: handler) }
        self.routes = routes
        self.maxRequestBytes = maxRequestBytes
        self.maxResponseBytes = maxResponseBytes
        self.maxBufferedResponseBytes = maxBufferedResponseBytes
        self.requestTimeout = requestTimeout
        self.drainTimeout = drainTimeout
    }

    /// The method served at `path`; nil for an unknown method.
    func route(forPath path: String) -> GRPCRoute? { routes[path] }

    /// A League RPC: the request message travels in the envelope the framing uses, so the
    /// answer (and every error's code and message) is exactly the framing's.
    private static func answer(
        _ method: GRPCMethod, message: ByteBuffer, timeAllowed: Duration?, receivedAt: ContinuousClock.Instant,
        service: LeagueService
    ) -> GRPCAnswer {
        let request: Request
        do {
            request = try method.request(wrapping: message)
        } catch {
            // gRPC reports a request it cannot deserialize as INTERNAL (as grpc-go and grpc-java do).
            return .error(.internal, "cannot decode the \(method.name) request message: \(error.status.message)")
        }
        // The encoded path, as the framing takes: cached answers are served as the same
        // shared bytes, sliced out of the envelope instead of decoded and encoded again. The
        // service checks the deadline itself, to the nanosecond of `grpc-timeout`, once the
        // answer is ready (a whole request in one read batch is answered before the call's
        // deadline timer can run).
        let encoded = service.respondEncoded(to: request, receivedAt: receivedAt, timeAllowed: timeAllowed)
        // One copy of the cached bytes, already prefixed for the DATA frame (a failure has
        // no result: only its data version is read).
        let (dataVersion, framed) = method.framedResultMessage(ofEncoded: encoded.body)
        guard encoded.code == .ok else {
            return GRPCAnswer(status: encoded.status, framed: nil, dataVersion: dataVersion)
        }
        guard let framed else {
            return .error(.internal, "the \(method.name) answer carried no result", dataVersion: dataVersion)
        }
        return .ok(framed: framed, dataVersion: dataVersion)
    }
}
