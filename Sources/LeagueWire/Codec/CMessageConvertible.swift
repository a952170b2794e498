import CLeagueProto

/// A Swift message mirror that converts to and from its protoc-c struct.
///
/// Internal on purpose: C pointers never leave this module.
protocol CMessageConvertible {
    associatedtype CMessage

    /// Builds the C struct (and everything it points at) in `arena`. The result is
    /// valid until the arena is released.
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<CMessage>

    /// Copies a C struct produced by protobuf-c's `unpack` into Swift values.
    /// Nothing is retained, so the C message can be freed straight afterwards.
    init(cMessage: UnsafePointer<CMessage>)
}

extension String {
    /// Reads a string field of an unpacked message. protobuf-c does not check
    /// UTF-8, so ill-formed sequences are repaired to U+FFFD here rather than
    /// trusted; a `NULL` pointer (never produced by protobuf-c) reads as "".
    init(protobufC pointer: UnsafePointer<CChar>?) {
        guard let pointer else {
            self = ""
            return
        }
        // `String(cString:)` replaces ill-formed UTF-8 with U+FFFD; it never traps.
        self = String(cString: pointer)
    }
}

/// Reads a `repeated string` field of an unpacked message.
func decodeStrings(_ array: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, count: Int) -> [String] {
    guard let array, count > 0 else { return [] }
    return (0..<count).map { String(protobufC: array[$0]) }
}

/// Reads a `repeated` message field of an unpacked message.
func decodeMessages<Value: CMessageConvertible>(
    _ array: UnsafeMutablePointer<UnsafeMutablePointer<Value.CMessage>?>?,
    count: Int,
    as type: Value.Type = Value.self
) -> [Value] {
    guard let array, count > 0 else { return [] }
    // protobuf-c never stores NULL elements; skipping one is the safe reading anyway.
    return (0..<count).compactMap { index in array[index].map { Value(cMessage: $0) } }
}

/// Reads a singular message field that Swift models as non-optional: an unset
/// field is the proto3 default, i.e. an empty message.
func decodeMessage<Value: CMessageConvertible>(
    _ pointer: UnsafeMutablePointer<Value.CMessage>?,
    default makeDefault: @autoclosure () -> Value
) -> Value {
    pointer.map { Value(cMessage: $0) } ?? makeDefault()
}

extension Bool {
    /// `protobuf_c_boolean` is a C `int`.
    init(protobufC value: protobuf_c_boolean) { self = value != 0 }
    var protobufC: protobuf_c_boolean { self ? 1 : 0 }
}
