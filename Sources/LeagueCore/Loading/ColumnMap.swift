/// A CSV file's column positions by name, found without hashing the name.
///
/// Every field a loader reads is looked up by its column's name (`Row.text`), about a million
/// times per load: a `[String: Int]` hashes the whole name each time (SipHash, ~450
/// instructions a lookup with the probe and compare). Here the slot comes from the name's
/// length and three of its bytes, and one string comparison confirms it: the same answers as
/// the dictionary (`LoadFastPathTests`).
struct ColumnMap: Sendable {
    /// Column names by position.
    private let names: [String]
    /// Open addressing: a position + 1 per used slot, 0 when free; a power of two ≥ 4 × columns.
    private let slots: [Int32]

    /// The map of `names` (position = index); the first of duplicate names wins, as the
    /// loader reports the others.
    init(_ columns: [String: Int]) {
        var byPosition = [String](repeating: "", count: (columns.values.max() ?? -1) + 1)
        for (name, i) in columns { byPosition[i] = name }
        var size = 8
        while size < 4 * columns.count { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (name, i) in columns {
            var s = ColumnMap.slot(name, size)
            while slots[s] != 0 { s = (s + 1) & (size - 1) }
            slots[s] = Int32(i + 1)
        }
        self.names = byPosition
        self.slots = slots
    }

    private static func slot(_ name: String, _ size: Int) -> Int {
        // Read from the name's contiguous bytes (every native or literal string has them):
        // `first`, `last` and an offset index on `String.UTF8View` cost ~200 instructions
        // together, and there are ~250,000 lookups per load.
        // A bridged name (none in practice) is copied to an array and hashed the same way.
        let h =
            name.utf8.withContiguousStorageIfAvailable(mix) ?? Array(name.utf8).withUnsafeBufferPointer(mix)
        return h & (size - 1)
    }

    /// The slot hash of a name's bytes: its length and its first, middle and last bytes.
    private static func mix(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = b.first, let last = b.last else { return 0 }
        return b.count &* 31 &+ Int(first) &* 7 &+ Int(b[b.count / 2]) &* 131 &+ Int(last) &* 1_031
    }

    /// The position of the column called `name`, nil when there is none.
    subscript(name: String) -> Int? {
        let size = slots.count
        var s = ColumnMap.slot(name, size)
        while true {
            let p = slots[s]
            if p == 0 { return nil }
            if names[Int(p - 1)] == name { return Int(p - 1) }
            s = (s + 1) & (size - 1)
        }
    }
}
