import LeagueWire

/// libFuzzer entry point over the request decoding: protobuf-c's
/// `nhs__league__v1__request__unpack` and the generated conversion into Swift values
/// (`Sources/LeagueWire/Generated`).
///
/// Invariant checked: whatever decodes re-encodes, and that encoding decodes to the
/// same encoding again (a fixed point), so the conversion neither crashes nor loses
/// or invents data between Swift and C. Encodings are compared, not values, because
/// a NaN coordinate is never `==` itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestDecoding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let request = try? ProtobufCodec.decodeRequest(bytes) else { return 0 }
    let encoded = ProtobufCodec.encode(request)
    guard let again = try? ProtobufCodec.decodeRequest(encoded) else {
        preconditionFailure("a decoded request re-encoded to bytes that do not decode")
    }
    precondition(ProtobufCodec.encode(again) == encoded, "decode/encode is not a fixed point")
    return 0
}
