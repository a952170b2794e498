import NIOCore

/// Frames already-encoded message bytes: writes flags 0, the big-endian length,
/// then the payload. Usage: `MessageToByteHandler(FrameEncoder())`.
public struct FrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = ByteBuffer

    public init() {}

    public func encode(data: ByteBuffer, out: inout ByteBuffer) {
        Framing.writeFrame(data, into: &out)
    }
}

/// Encodes and frames ``Response`` values in one step (the server's outbound
/// side), packing protobuf straight into the outbound buffer.
/// Usage: `MessageToByteHandler(ResponseFrameEncoder())`.
public struct ResponseFrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = Response

    public init() {}

    public func encode(data: Response, out: inout ByteBuffer) {
        Framing.writeFrame(data, into: &out)
    }
}

/// Encodes and frames ``Request`` values in one step (the client's outbound side).
/// Usage: `MessageToByteHandler(RequestFrameEncoder())`.
public struct RequestFrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = Request

    public init() {}

    public func encode(data: Request, out: inout ByteBuffer) {
        Framing.writeFrame(data, into: &out)
    }
}
