import LeagueService
import LeagueWire
import NIOCore

/// `grpc.health.v1.Health/Check`: SERVING for the server as a whole ("") and for
/// `nhs.league.v1.League` while the operations `Readiness` says ready, NOT_SERVING while it
/// does not (draining, from the start of a graceful shutdown and through `--shutdown-delay`),
/// so gRPC health and the admin listener's `/readyz` always agree; NOT_FOUND for any other
/// service (as the health checking protocol specifies). The messages are
/// protobuf-c's, generated from proto/grpc/health/v1/health.proto.
enum GRPCHealth {
    /// The services the health service reports on.
    static let services = Set([""] + GRPCMethod.leagueMethods.map(\.service))

    static func routes(readiness: Readiness) -> [String: GRPCHandlerKind] {
        ["/grpc.health.v1.Health/Check": .unary { message, _, _ in check(message, readiness: readiness) }]
    }

    static func check(_ message: ByteBuffer, readiness: Readiness) -> GRPCAnswer {
        let request: HealthCheckRequest
        do {
            request = try HealthCheckRequest(serializedBytes: message.readableBytesView)
        } catch {
            return .error(.internal, "cannot decode the health check request: \(error.status.message)")
        }
        guard services.contains(request.service) else {
            return .error(.notFound, "unknown service \(request.service)")
        }
        let status: HealthCheckResponse.ServingStatus = readiness.isReady ? .serving : .notServing
        return .ok(ByteBuffer(bytes: HealthCheckResponse(status: status).serializedBytes()))
    }
}
