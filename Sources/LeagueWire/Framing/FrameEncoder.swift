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
