import ProtobufCRuntime

/// Every generated message: a `Sendable` value with its protobuf encoding
/// (protobuf-c) and its proto3 JSON.
public protocol ProtobufMessage: Sendable, Hashable, ProtoJSONMessage {
    /// Every field at its proto3 default.
    init()
    /// The protobuf encoding of this message.
    func serializedBytes() -> [UInt8]
    /// Decodes a protobuf encoding; throws ``WireError/Kind/malformedMessage``.
    init(serializedBytes bytes: some Collection<UInt8>) throws(WireError)
}
