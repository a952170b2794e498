import LeagueCore
import LeagueData
import LeagueService
import LeagueWire

/// The service over the real embedded dataset, loaded once per fuzzing process.
let service: LeagueService = {
    do {
        let snapshot = try LeagueSnapshot.load(from: EmbeddedDataset.directory)
        return LeagueService(snapshot: snapshot, serverVersion: "fuzz")
    } catch {
        fatalError("cannot load the embedded dataset: \(error)")
    }
}()

/// Loads the dataset before fuzzing starts: a load under AddressSanitizer takes seconds,
/// which the first input would otherwise be charged with (and time out on).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzServiceInitialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    _ = service.currentDataVersion
    return 0
}

/// libFuzzer entry point over the whole decode → answer path, as the server runs it:
/// protobuf-c decoding, conversion into Swift values, validation, the core's answer and
/// the encoded (cached, spliced) answer.
///
/// Invariants checked: the answer carries the request's id; the encoded path is byte for
/// byte the value path's encoding (its documented contract); and no answer text reveals
/// a file path.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServiceAnswer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard var request = try? ProtobufCodec.decodeRequest(bytes) else { return 0 }
    // A deadline would make the two paths depend on timing rather than on the request.
    request.deadlineMs = 0
    let value = service.respond(to: request)
    precondition(value.id == request.id, "answer for another id")
    let message = withoutEcho(value.status.message, of: bytes)
    precondition(!revealsPath(message), "answer text reveals a path: \(value.status.message)")
    let encoded = service.respondEncoded(to: request)
    precondition(encoded.id == request.id, "encoded answer for another id")
    precondition(
        encoded.serializedBytes() == EncodedResponse(value).serializedBytes(),
        "the encoded answer differs from the value answer for \(request.call.name)")
    return 0
}

/// `message` without the request's own text quoted back (`no NHS trust matches "/XT"`):
/// what the client sent is theirs to see, not a path of the server's. A quoted part is an
/// echo when it occurs in the request's bytes (case aside: codes are upper-cased).
func withoutEcho(_ message: String, of request: UnsafeBufferPointer<UInt8>) -> String {
    let sent = String(decoding: request, as: UTF8.self).lowercased()
    return message.replacing(#/"([^"]*)"/#) { quoted in
        let text = String(quoted.1).lowercased()
        return !text.isEmpty && sent.contains(text) ? "\"\"" : String(quoted.0)
    }
}

/// Whether `text` names a file: an absolute or relative path (`/tmp/x`, `./data`, `~/d`) or a
/// data file's name. ("Q1 2026/27" has a slash but is no path.)
func revealsPath(_ text: String) -> Bool {
    text.contains(#/(^|[\s"'(:=])(/|\./|\.\./|~/)[A-Za-z0-9._-]/#) || text.contains(".csv") || text.contains(".json")
}
