import CProtobufC

/// Owns every C allocation made while building one protobuf-c message for packing,
/// and frees them all together: a message tree can be built freely and nothing
/// leaks or is freed twice. Everything allocated is a trivial C type (structs of
/// scalars and pointers, `char`s), so deallocating without deinitialising is sound.
/// Not `Sendable`: an arena lives inside one encode call (see ``withCArena(_:)``).
package final class CArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    deinit {
        for allocation in self.allocations { allocation.deallocate() }
    }

    private func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: count)
        self.allocations.append(UnsafeMutableRawPointer(pointer))
        return pointer
    }

    /// One C message struct, filled by its generated `*__init` (descriptor and defaults).
    package func message<Message>(_ initialise: (UnsafeMutablePointer<Message>?) -> Void) -> UnsafeMutablePointer<
        Message
    > {
        let pointer = self.allocate(Message.self, count: 1)
        initialise(pointer)
        return pointer
    }

    /// A NUL-terminated UTF-8 copy. protobuf-c measures strings with `strlen`, so a
    /// string containing U+0000 is sent only up to that character.
    package func string(_ string: String) -> UnsafeMutablePointer<CChar> {
        var string = string
        return string.withUTF8 { utf8 in
            let pointer = self.allocate(CChar.self, count: utf8.count + 1)
            if let base = utf8.baseAddress {
                UnsafeMutableRawPointer(pointer).copyMemory(from: base, byteCount: utf8.count)
            }
            pointer[utf8.count] = 0
            return pointer
        }
    }

    /// A copy of `bytes` for a `bytes` field.
    package func bytes(_ bytes: [UInt8]) -> ProtobufCBinaryData {
        ProtobufCBinaryData(len: bytes.count, data: self.array(bytes))
    }

    /// A C array for a `repeated` field, or `nil` when empty (protobuf-c reads no
    /// elements when the count is 0).
    package func array<Element>(_ values: [Element]) -> UnsafeMutablePointer<Element>? {
        guard !values.isEmpty else { return nil }
        let array = self.allocate(Element.self, count: values.count)
        values.withUnsafeBufferPointer { array.initialize(from: $0.baseAddress!, count: $0.count) }
        return array
    }

    package func strings(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        self.array(strings.map { self.string($0) })
    }

    package func messages<Value: CMessageConvertible>(_ values: [Value]) -> UnsafeMutablePointer<
        UnsafeMutablePointer<Value.CMessage>?
    >? {
        self.array(values.map { $0.cMessage(in: self) })
    }
}

/// Runs `body` with a fresh arena; everything it allocated is freed afterwards, so
/// C structs built inside stay valid exactly for the duration of `body`.
package func withCArena<Result>(_ body: (CArena) throws -> Result) rethrows -> Result {
    let arena = CArena()
    return try withExtendedLifetime(arena) { try body(arena) }
}
