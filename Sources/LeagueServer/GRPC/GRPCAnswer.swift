import LeagueWire
import NIOCore

/// What a gRPC method answers to one request message: a response message with status OK,
/// or a status alone (gRPC's "Trailers-Only" response).
struct GRPCAnswer: Sendable {
    var status: Status
    /// The response message (already encoded by protobuf-c); nil for an error.
    var message: ByteBuffer?
    /// Extra trailers, e.g. `nhs-data-version`.
    var trailers: [(String, String)] = []

    static func ok(_ message: ByteBuffer, trailers: [(String, String)] = []) -> GRPCAnswer {
        GRPCAnswer(status: .ok, message: message, trailers: trailers)
    }

    static func error(_ code: StatusCode, _ text: String, trailers: [(String, String)] = []) -> GRPCAnswer {
        GRPCAnswer(status: Status(code: code, message: text), message: nil, trailers: trailers)
    }
}

/// One gRPC method the server serves.
enum GRPCHandlerKind: Sendable {
    /// One request message, one answer. `deadlineMs` is what is left of `grpc-timeout`
    /// (0 = none), counted from `receivedAt`.
    case unary(
        @Sendable (_ message: ByteBuffer, _ deadlineMs: UInt32, _ receivedAt: ContinuousClock.Instant) -> GRPCAnswer)
    /// Bidirectional streaming where each request message gets one response message (server
    /// reflection); an error answer ends the stream with that status.
    case bidiEcho(@Sendable (_ message: ByteBuffer) -> GRPCAnswer)
}
