import LeagueService
import LeagueWire
import NIOCore

/// What a gRPC method answers to one request message: a response message with status OK,
/// or a status alone (gRPC's "Trailers-Only" response).
struct GRPCAnswer: Sendable {
    var status: Status
    /// The response message as it goes in a DATA frame: gRPC's Length-Prefixed-Message
    /// (flag 0, 4-byte length, then the message encoded by protobuf-c); nil for an error.
    var framed: ByteBuffer?
    /// The `nhs-data-version` trailer of a League answer (nil: none, as for health and reflection).
    var dataVersion: String?

    /// The response message's length, without its 5-byte prefix (0 without one).
    var messageLength: Int { max(0, (framed?.readableBytes ?? 0) - GRPCMethod.lengthPrefix) }

    /// The response message without its prefix (a view of `framed`); nil for an error.
    var message: ByteBuffer? {
        framed?.getSlice(at: (framed?.readerIndex ?? 0) + GRPCMethod.lengthPrefix, length: messageLength)
    }

    /// An OK answer carrying `message` (encoded, not yet prefixed).
    static func ok(_ message: ByteBuffer, dataVersion: String? = nil) -> GRPCAnswer {
        var framed = ByteBuffer()
        framed.reserveCapacity(GRPCMethod.lengthPrefix + message.readableBytes)
        framed.writeInteger(UInt8(0))
        framed.writeInteger(UInt32(message.readableBytes))
        framed.writeImmutableBuffer(message)
        return GRPCAnswer(status: .ok, framed: framed, dataVersion: dataVersion)
    }

    /// An OK answer whose message already carries its Length-Prefixed-Message header.
    static func ok(framed: ByteBuffer, dataVersion: String? = nil) -> GRPCAnswer {
        GRPCAnswer(status: .ok, framed: framed, dataVersion: dataVersion)
    }

    static func error(_ code: StatusCode, _ text: String, dataVersion: String? = nil) -> GRPCAnswer {
        GRPCAnswer(status: Status(code: code, message: text), framed: nil, dataVersion: dataVersion)
    }
}

/// One gRPC method the server serves.
enum GRPCHandlerKind: Sendable {
    /// One request message, one answer. `timeAllowed` is the call's `grpc-timeout` (nil:
    /// none), counted from `receivedAt`.
    case unary(
        @Sendable (_ message: ByteBuffer, _ timeAllowed: Duration?, _ receivedAt: ContinuousClock.Instant) -> GRPCAnswer
    )
    /// Bidirectional streaming where each request message gets one response message (server
    /// reflection); an error answer ends the stream with that status.
    case bidiEcho(@Sendable (_ message: ByteBuffer) -> GRPCAnswer)
    /// `grpc.health.v1.Health/Watch`: one request, then a status message now and another
    /// whenever it changes (`GRPCHealth.watchStatus`); the stream stays open.
    case healthWatch(Readiness)

    /// One request message, ended by the client, before anything is answered.
    var takesOneRequest: Bool {
        switch self {
        case .unary, .healthWatch: true
        case .bidiEcho: false
        }
    }
}

/// What the router knows of a `:path`: its handler, and for a League RPC the `Request.call`
/// member name ("get_trust") its requests are counted under (nil for health and reflection).
struct GRPCRoute: Sendable {
    var handler: GRPCHandlerKind
    var callName: String?
}
