import Foundation
import LeagueWire
import ProtobufCRuntime

/// Writes answers as proto3 JSON on stdout: the same text `grpcurl` prints for
/// the message (lowerCamelCase names, enum value names, 64-bit integers as
/// strings, default values omitted).
enum JSONOutput {
    static func print(_ message: some ProtoJSONMessage) {
        self.write(message.jsonString())
    }

    /// An object of several messages (e.g. `rank`'s trust, history and other matches).
    static func print(_ build: (inout ProtoJSONWriter) -> Void) {
        var writer = ProtoJSONWriter()
        writer.object(build)
        self.write(writer.text)
    }

    private static func write(_ text: String) {
        // `write(_:)` traps when the reader has gone (e.g. `| head`); this reports instead.
        try? FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8))
    }
}
