import NIOCore

/// An encoded message (or the part of one after its `id`) assembled per answer from small
/// bytes of its own and large encodings shared between answers (a trust's `Trust` message,
/// encoded once per snapshot). The shared encodings are referenced, not copied, until the
/// answer's one write into the outbound buffer: assembling a 40 kB Nearest answer used to
/// copy its trusts three times before that write.
///
/// The bytes are `glue` with each of `splices` inserted at its offset, in order.
public struct EncodedBody: Sendable {
    /// A shared encoding, inserted into `glue` at `offset`.
    public struct Splice: Sendable {
        /// Where in `glue` the bytes go (splices are in increasing offset order).
        public var offset: Int
        public var bytes: [UInt8]
    }

    /// The body's own bytes.
    public private(set) var glue: [UInt8]
    /// The shared encodings, in order.
    public private(set) var splices: [Splice]
    /// The body's length: `glue` and every splice.
    public private(set) var count: Int

    /// Shared encodings shorter than this are copied into `glue` instead: a splice costs
    /// an entry and a separate copy when written, which pays only on large encodings.
    public static let minimumSplicedBytes = 512

    /// A body that is exactly `bytes` (a whole cached answer, shared as is).
    public init(_ bytes: [UInt8] = []) {
        glue = bytes
        splices = []
        count = bytes.count
    }

    /// An empty body with room for `glueCapacity` bytes of its own and `splices` splices.
    public init(glueCapacity: Int, splices spliceCapacity: Int) {
        self.init()
        glue.reserveCapacity(glueCapacity)
        splices.reserveCapacity(spliceCapacity)
    }

    /// Appends `bytes`, copied.
    public mutating func append(_ bytes: [UInt8]) {
        glue.append(contentsOf: bytes)
        count += bytes.count
    }

    /// Appends `bytes`, shared: written from the array itself when the body is.
    public mutating func append(shared bytes: [UInt8]) {
        guard bytes.count >= Self.minimumSplicedBytes else { return append(bytes) }
        splices.append(Splice(offset: glue.count, bytes: bytes))
        count += bytes.count
    }

    /// Appends the key and length of a length-delimited field (an embedded message or a
    /// string) whose `length` bytes follow.
    public mutating func appendFieldHeader(_ number: Int, length: Int) {
        appending { ProtoSplice.appendFieldHeader(number, length: length, to: &$0) }
    }

    /// Appends a `string` field, or nothing when it is empty (proto3, as protobuf-c does).
    public mutating func appendString(_ number: Int, _ value: String) {
        appending { ProtoSplice.appendString(number, value, to: &$0) }
    }

    /// Appends a `bool` field, or nothing when false.
    public mutating func appendBool(_ number: Int, _ value: Bool) {
        appending { ProtoSplice.appendBool(number, value, to: &$0) }
    }

    /// Appends a `double` field, or nothing when 0.
    public mutating func appendDouble(_ number: Int, _ value: Double) {
        appending { ProtoSplice.appendDouble(number, value, to: &$0) }
    }

    /// Runs a `ProtoSplice` appender on `glue`, keeping `count` in step.
    private mutating func appending(_ write: (inout [UInt8]) -> Void) {
        let before = glue.count
        write(&glue)
        count += glue.count - before
    }

    /// Writes the body into `buffer`: each byte copied once.
    public func write(into buffer: inout ByteBuffer) {
        var written = 0
        for splice in splices {
            buffer.writeBytes(glue[written..<splice.offset])
            buffer.writeBytes(splice.bytes)
            written = splice.offset
        }
        buffer.writeBytes(glue[written...])
    }

    /// The body as one array (tests, and transports that need it whole).
    public func bytes() -> [UInt8] {
        guard !splices.isEmpty else { return glue }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        var written = 0
        for splice in splices {
            out.append(contentsOf: glue[written..<splice.offset])
            out.append(contentsOf: splice.bytes)
            written = splice.offset
        }
        out.append(contentsOf: glue[written...])
        return out
    }
}
