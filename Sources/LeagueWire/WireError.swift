import ProtobufCRuntime

/// An error from the wire layer: a frame that breaks the framing rules, or a
/// message body that is not a valid protobuf encoding of the expected message.
///
/// It carries the gRPC ``StatusCode`` to tell the peer, so the server answers a
/// connection-level problem with an id-0 ``Response`` built from ``status``.
/// After a framing error the next frame's position is unknown, so the connection
/// must close (``closesConnection``); after a bad body the next frame is still
/// well delimited.
public struct WireError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for code that needs to tell cases apart (tests, metrics).
    public enum Kind: String, Hashable, Sendable, CustomStringConvertible {
        /// The frame's body is not a valid protobuf encoding of the expected message.
        case malformedMessage
        /// The frame header announced a message longer than the decoder's limit.
        case messageTooLarge
        /// The frame header's compressed bit is set; compression is not supported.
        case compressionUnsupported
        /// The frame header's flags byte has bits set that the protocol does not define.
        case invalidFlags
        /// The stream ended part-way through a frame.
        case truncatedFrame
        /// A frame began to arrive but was not complete within the server's frame deadline.
        case frameTimeout
        /// The server refused work past one of its limits (connections, requests in flight);
        /// the framing is intact, and whether the connection stays open is the limit's choice.
        case limitExceeded

        /// True for errors in the framing itself, after which the connection must close.
        public var isFramingError: Bool {
            switch self {
            case .messageTooLarge, .compressionUnsupported, .invalidFlags, .truncatedFrame, .frameTimeout: true
            case .malformedMessage, .limitExceeded: false
            }
        }

        public var description: String { self.rawValue }
    }

    public var kind: Kind
    /// The status to report to the peer.
    public var code: StatusCode
    /// Human-readable and safe to send to the peer (it never contains message bytes).
    public var message: String
    /// The underlying error, if another error caused this one.
    public var cause: (any Error & Sendable)?

    public init(_ kind: Kind, code: StatusCode, message: String, cause: (any Error & Sendable)? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// True when the connection must be closed after reporting this error.
    public var closesConnection: Bool { self.kind.isFramingError }

    /// The status to put in the id-0 ``Response`` that reports this error.
    public var status: Status { Status(code: self.code, message: self.message) }

    public var description: String {
        "WireError(\(self.kind), \(self.code)): \(self.message)" + (self.cause.map { " (cause: \($0))" } ?? "")
    }

    /// protobuf-c could not unpack a message: ``Kind/malformedMessage``, INVALID_ARGUMENT.
    init(_ unpack: ProtobufCUnpackError) {
        let name = unpack.messageName
        self.init(
            .malformedMessage, code: .invalidArgument,
            message: "could not decode \(name): \(unpack.byteCount) bytes are not a valid protobuf \(name) message")
    }

    static func messageTooLarge(length: Int, limit: Int) -> WireError {
        WireError(
            .messageTooLarge, code: .resourceExhausted,
            message: "frame announces a \(length)-byte message; the limit is \(limit) bytes")
    }

    static let compressionUnsupported = WireError(
        .compressionUnsupported, code: .unimplemented,
        message: "frame has the compressed flag set; compression is not supported")

    static func invalidFlags(_ flags: UInt8) -> WireError {
        WireError(
            .invalidFlags, code: .invalidArgument,
            message:
                "frame flags byte is 0x\(String(flags, radix: 16)); only bit 0 (compressed) is defined and it must be 0"
        )
    }

    static func truncatedFrame(leftoverBytes: Int) -> WireError {
        WireError(
            .truncatedFrame, code: .invalidArgument,
            message: "stream ended inside a frame (\(leftoverBytes) bytes of an incomplete frame were left)")
    }
}
