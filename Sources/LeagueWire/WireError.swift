/// An error from the wire layer: a frame that breaks the framing rules, or a
/// message body that is not a valid protobuf encoding of the expected message.
///
/// It carries the gRPC ``StatusCode`` the peer should be told, so the server can
/// answer a connection-level problem with an id-0 ``Response`` built from
/// ``status`` without translating error types.
///
/// Whether the connection can carry on depends on *where* the error came from,
/// which ``Kind/isFramingError`` (and ``closesConnection``) tells: after a
/// framing error the byte stream cannot be resynchronised, so the connection
/// must be closed; after a bad body the next frame is still well delimited.
public struct WireError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for code that needs to tell cases apart (tests, metrics).
    /// A struct with static members rather than an enum so that new kinds can be
    /// added without breaking exhaustive `switch`es in other modules.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case malformedMessage
            case messageTooLarge
            case compressionUnsupported
            case invalidFlags
            case truncatedFrame
            case other
        }

        private let base: Base

        /// The frame's body is not a valid protobuf encoding of the expected message.
        public static let malformedMessage = Kind(base: .malformedMessage)
        /// The frame header announced a message longer than the decoder's limit.
        public static let messageTooLarge = Kind(base: .messageTooLarge)
        /// The frame header's compressed bit is set; compression is not supported.
        public static let compressionUnsupported = Kind(base: .compressionUnsupported)
        /// The frame header's flags byte has bits set that the protocol does not define.
        public static let invalidFlags = Kind(base: .invalidFlags)
        /// The stream ended part-way through a frame.
        public static let truncatedFrame = Kind(base: .truncatedFrame)
        /// Anything else (errors made by other layers with ``WireError/init(_:code:message:cause:)``).
        public static let other = Kind(base: .other)

        /// True for errors in the framing itself. After one of these the position of
        /// the next frame is unknown, so the connection must be closed.
        public var isFramingError: Bool {
            switch self.base {
            case .messageTooLarge, .compressionUnsupported, .invalidFlags, .truncatedFrame: true
            case .malformedMessage, .other: false
            }
        }

        public var description: String {
            switch self.base {
            case .malformedMessage: "malformedMessage"
            case .messageTooLarge: "messageTooLarge"
            case .compressionUnsupported: "compressionUnsupported"
            case .invalidFlags: "invalidFlags"
            case .truncatedFrame: "truncatedFrame"
            case .other: "other"
            }
        }
    }

    /// What went wrong.
    public var kind: Kind
    /// The status to report to the peer.
    public var code: StatusCode
    /// Human-readable and safe to send to the peer (it never contains message bytes).
    public var message: String
    /// The underlying error, if another error caused this one.
    public var cause: (any Error & Sendable)?

    /// Creates a wire error.
    /// - Parameters:
    ///   - kind: What went wrong; ``Kind/other`` when none of the predefined kinds fits.
    ///   - code: The status to report to the peer.
    ///   - message: Human-readable description, safe to show the peer.
    ///   - cause: The underlying error, if any.
    public init(_ kind: Kind = .other, code: StatusCode, message: String, cause: (any Error & Sendable)? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// True when the connection must be closed after reporting this error
    /// (see ``Kind/isFramingError``).
    public var closesConnection: Bool { self.kind.isFramingError }

    /// The status to put in the id-0 ``Response`` that reports this error.
    public var status: Status { Status(code: self.code, message: self.message) }

    public var description: String {
        var text = "WireError(\(self.kind), \(self.code)): \(self.message)"
        if let cause = self.cause {
            text += " (cause: \(cause))"
        }
        return text
    }
}

extension WireError {
    static func malformed(_ messageName: String, byteCount: Int) -> WireError {
        WireError(
            .malformedMessage,
            code: .invalidArgument,
            message:
                "could not decode \(messageName): \(byteCount) bytes are not a valid protobuf \(messageName) message"
        )
    }

    static func messageTooLarge(length: Int, limit: Int) -> WireError {
        WireError(
            .messageTooLarge,
            code: .resourceExhausted,
            message: "frame announces a \(length)-byte message; the limit is \(limit) bytes"
        )
    }

    static var compressionUnsupported: WireError {
        WireError(
            .compressionUnsupported,
            code: .unimplemented,
            message: "frame has the compressed flag set; compression is not supported"
        )
    }

    static func invalidFlags(_ flags: UInt8) -> WireError {
        WireError(
            .invalidFlags,
            code: .invalidArgument,
            message:
                "frame flags byte is 0x\(String(flags, radix: 16)); only bit 0 (compressed) is defined and it must be 0"
        )
    }

    static func truncatedFrame(leftoverBytes: Int) -> WireError {
        WireError(
            .truncatedFrame,
            code: .invalidArgument,
            message: "stream ended inside a frame (\(leftoverBytes) bytes of an incomplete frame were left)"
        )
    }
}
