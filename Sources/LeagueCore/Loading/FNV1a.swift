import Foundation

/// FNV-1a 64-bit hash (no crypto dependency), used for the dataset version.
public struct FNV1a64: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    public init() {}

    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        var h = value
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        value = h
    }

    /// Hashes raw bytes (fast path for `Data`).
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { raw in update(bytes: raw.bindMemory(to: UInt8.self)) }
    }

    /// The loop over a buffer, written for it: the generic `update` is not always specialised
    /// where it is called (3.4 against 2 instructions a byte, over every byte of the dataset).
    private mutating func update(bytes: UnsafeBufferPointer<UInt8>) {
        var h = value
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        value = h
    }

    /// 16 lower-case hex digits.
    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
