import LeagueService
import LeagueWire
import NIOCore

/// `grpc.health.v1.Health/Check`: SERVING for the server as a whole ("") and for
/// `nhs.league.v1.League` while the operations `Readiness` says ready, NOT_SERVING while it
/// does not (draining, from the start of a graceful shutdown and through `--shutdown-delay`),
/// so gRPC health and the admin listener's `/readyz` always agree; NOT_FOUND for any other
/// service (as the health checking protocol specifies).
///
/// `Health/Watch` (what gRPC's client-side health checking calls): the same status at once,
/// then NOT_SERVING the moment draining begins, on a stream that stays open; SERVICE_UNKNOWN
/// for another service, also without ending the call (the protocol's rule: the service may
/// appear later). `GRPCCall` keeps the stream. The messages are protobuf-c's, generated from
/// proto/grpc/health/v1/health.proto.
enum GRPCHealth {
    /// The services the health service reports on.
    static let services = Set([""] + GRPCMethod.leagueMethods.map(\.service))

    static func routes(readiness: Readiness) -> [String: GRPCHandlerKind] {
        [
            "/grpc.health.v1.Health/Check": .unary { message, _, _ in check(message, readiness: readiness) },
            "/grpc.health.v1.Health/Watch": .healthWatch(readiness),
        ]
    }

    static func check(_ message: ByteBuffer, readiness: Readiness) -> GRPCAnswer {
        let service: String
        switch request(message) {
        case .service(let name): service = name
        case .undecodable(let error): return error
        }
        guard services.contains(service) else {
            return .error(.notFound, "unknown service \(service)")
        }
        return answer(readiness.isReady ? .serving : .notServing)
    }

    /// A Check or Watch request: the service it names, or the INTERNAL answer to one that
    /// does not decode.
    enum Request {
        case service(String)
        case undecodable(GRPCAnswer)
    }

    static func request(_ message: ByteBuffer) -> Request {
        do {
            return .service(try HealthCheckRequest(serializedBytes: message.readableBytesView).service)
        } catch {
            return .undecodable(.error(.internal, "cannot decode the health check request: \(error.status.message)"))
        }
    }

    /// What Watch sends for `service` now: SERVING or NOT_SERVING, or SERVICE_UNKNOWN.
    static func watchStatus(of service: String, ready: Bool) -> GRPCAnswer {
        guard services.contains(service) else { return answer(.serviceUnknown) }
        return answer(ready ? .serving : .notServing)
    }

    private static func answer(_ status: HealthCheckResponse.ServingStatus) -> GRPCAnswer {
        .ok(ByteBuffer(bytes: HealthCheckResponse(status: status).serializedBytes()))
    }
}
