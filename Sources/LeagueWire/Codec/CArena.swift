import CLeagueProto

/// Owns every C allocation made while building a protobuf-c message for packing.
///
/// protobuf-c packs from plain C structs that point at strings, arrays and
/// sub-messages. Rather than tracking each pointer, every allocation goes through
/// one arena and is freed in one place when the arena is released, so a message
/// tree can be built freely and nothing leaks or is freed twice. Use
/// ``withCArena(_:)`` so the release happens even if the body throws.
///
/// Everything allocated here is a trivial C type (structs of scalars and
/// pointers, `char`s, pointers), so deallocating without deinitialising is sound.
/// Not `Sendable`: an arena lives inside one encode call on one thread.
final class CArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    init() {
        self.allocations.reserveCapacity(32)
    }

    deinit {
        // Backstop: `withCArena` releases explicitly; this only matters if an
        // arena were ever used outside it.
        self.releaseAll()
    }

    /// Frees everything allocated so far. Pointers handed out become invalid.
    func releaseAll() {
        for allocation in self.allocations {
            allocation.deallocate()
        }
        self.allocations.removeAll(keepingCapacity: true)
    }

    private func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: count)
        self.allocations.append(UnsafeMutableRawPointer(pointer))
        return pointer
    }

    /// Allocates one C message struct and fills it with the generated
    /// `*__init` function, which sets the descriptor and every default.
    func message<Message>(_ initialise: (UnsafeMutablePointer<Message>?) -> Void) -> UnsafeMutablePointer<Message> {
        let pointer = self.allocate(Message.self, count: 1)
        initialise(pointer)
        return pointer
    }

    /// A NUL-terminated UTF-8 copy of `string`.
    ///
    /// protobuf-c measures strings with `strlen`, so a Swift string containing
    /// U+0000 is sent only up to that character: the protocol's strings cannot
    /// carry NUL through protobuf-c.
    func string(_ string: String) -> UnsafeMutablePointer<CChar> {
        var string = string
        return string.withUTF8 { utf8 in
            let pointer = self.allocate(CChar.self, count: utf8.count + 1)
            utf8.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress {
                    pointer.initialize(from: base, count: chars.count)
                }
            }
            (pointer + utf8.count).initialize(to: 0)
            return pointer
        }
    }

    /// A C array of C strings for a `repeated string` field, or `nil` when empty
    /// (protobuf-c reads no elements when the count is 0).
    func strings(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard !strings.isEmpty else { return nil }
        let array = self.allocate(UnsafeMutablePointer<CChar>?.self, count: strings.count)
        for (index, string) in strings.enumerated() {
            (array + index).initialize(to: self.string(string))
        }
        return array
    }

    /// A C array of message pointers for a `repeated` message field, or `nil` when empty.
    func messages<Value: CMessageConvertible>(
        _ values: [Value]
    ) -> UnsafeMutablePointer<UnsafeMutablePointer<Value.CMessage>?>? {
        guard !values.isEmpty else { return nil }
        let array = self.allocate(UnsafeMutablePointer<Value.CMessage>?.self, count: values.count)
        for (index, value) in values.enumerated() {
            (array + index).initialize(to: value.cMessage(in: self))
        }
        return array
    }

    /// A copy of `bytes` for a `bytes` field.
    func bytes(_ bytes: [UInt8]) -> ProtobufCBinaryData {
        ProtobufCBinaryData(len: bytes.count, data: self.array(bytes))
    }

    /// A C array of plain values (e.g. a `repeated` enum field), or `nil` when empty.
    func array<Element>(_ values: [Element]) -> UnsafeMutablePointer<Element>? {
        guard !values.isEmpty else { return nil }
        let array = self.allocate(Element.self, count: values.count)
        values.withUnsafeBufferPointer { buffer in
            array.initialize(from: buffer.baseAddress!, count: buffer.count)
        }
        return array
    }
}

/// Runs `body` with a fresh arena and frees everything it allocated afterwards,
/// so C structs built inside stay valid exactly for the duration of `body`.
func withCArena<Result>(_ body: (CArena) throws -> Result) rethrows -> Result {
    let arena = CArena()
    defer { arena.releaseAll() }
    return try body(arena)
}
