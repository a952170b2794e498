import Foundation

/// Writes any Encodable answer as pretty, key-sorted JSON on stdout.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(contentsOf: "\n".utf8)
        // `write(_:)` traps when the reader has gone (e.g. `| head`); this reports instead.
        try? FileHandle.standardOutput.write(contentsOf: data)
    }
}
