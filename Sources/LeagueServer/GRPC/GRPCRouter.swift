import LeagueService
import LeagueWire
import NIOCore
import Synchronization

/// Whether the gRPC health service reports SERVING: true until a graceful shutdown begins.
/// Shared by every connection of one server. (A class around an `Atomic` so that every
/// connection sees the one flag; `Atomic` makes it safe to share.)
final class GRPCServingState: Sendable {
    private let draining = Atomic<Bool>(false)

    var isDraining: Bool { draining.load(ordering: .relaxed) }

    func startDraining() { draining.store(true, ordering: .relaxed) }
}

/// Every gRPC method the server serves, by HTTP/2 `:path`: the League RPCs (from the
/// generated table, so every call in the proto's `service League`), the health service and
/// server reflection. The League RPCs call the transport-free `LeagueService`, as the framing does.
struct GRPCRouter: Sendable {
    private let routes: [String: GRPCHandlerKind]
    /// The largest request message accepted (RESOURCE_EXHAUSTED beyond it).
    let maxRequestBytes: Int
    /// The largest response message sent (RESOURCE_EXHAUSTED instead of a bigger one).
    let maxResponseBytes: Int

    init(service: LeagueService, serving: GRPCServingState, maxRequestBytes: Int, maxResponseBytes: Int) {
        var routes: [String: GRPCHandlerKind] = [:]
        for method in GRPCMethod.leagueMethods {
            routes[method.path] = .unary { message, deadlineMs, receivedAt in
                Self.answer(method, message: message, deadlineMs: deadlineMs, receivedAt: receivedAt, service: service)
            }
        }
        for (path, handler) in GRPCHealth.routes(serving: serving) { routes[path] = handler }
        for (path, handler) in GRPCReflection.routes() { routes[path] = handler }
        self.routes = routes
        self.maxRequestBytes = maxRequestBytes
        self.maxResponseBytes = maxResponseBytes
    }

    func handler(forPath path: String) -> GRPCHandlerKind? { routes[path] }

    /// A League RPC: the request message travels in the envelope the framing uses, so the
    /// answer (and every error's code and message) is exactly the framing's.
    private static func answer(
        _ method: GRPCMethod, message: ByteBuffer, deadlineMs: UInt32, receivedAt: ContinuousClock.Instant,
        service: LeagueService
    ) -> GRPCAnswer {
        var request: Request
        do {
            request = try method.request(wrapping: message)
        } catch {
            // gRPC reports a request it cannot deserialize as INTERNAL (as grpc-go and grpc-java do).
            return .error(.internal, "cannot decode the \(method.name) request message: \(error.status.message)")
        }
        request.deadlineMs = deadlineMs
        let response = service.respond(to: request, receivedAt: receivedAt)
        let trailers = [("nhs-data-version", response.dataVersion)]
        guard response.status.code == .ok else {
            return GRPCAnswer(status: response.status, message: nil, trailers: trailers)
        }
        guard let result = method.resultMessage(of: response) else {
            return .error(.internal, "the \(method.name) answer carried no result", trailers: trailers)
        }
        return .ok(result, trailers: trailers)
    }
}
