import Synchronization

extension NameIndex {
    /// Per-entry accumulation for one query: one slot per index entry, plus the lists of entries
    /// touched. Only touched slots are ever non-zero between queries (`reset()` clears them),
    /// so a pooled accumulator serves the next query without being zeroed whole.
    struct Accumulator {
        var tokBest: [Float]
        var tokInfo: [UInt32]  // how | edits << 2 | ctx << 4 | term << 8
        var tokTouched: [Int32] = []
        var total: [Float]
        var nameMatched: [Float]  // share of the entry's own distinctive weight matched
        var stats: [UInt32]  // strongExact | prefix << 6 | fuzzy << 12 | edits << 18 | nameHits << 24
        var exactAll: [UInt8]  // query words (generic ones included) matched exactly in the name
        var touched: [Int32] = []

        init(count: Int) {
            tokBest = [Float](repeating: 0, count: count)
            tokInfo = [UInt32](repeating: 0, count: count)
            total = [Float](repeating: 0, count: count)
            nameMatched = [Float](repeating: 0, count: count)
            stats = [UInt32](repeating: 0, count: count)
            exactAll = [UInt8](repeating: 0, count: count)
            tokTouched.reserveCapacity(256)
            touched.reserveCapacity(256)
        }

        /// Back to all zeroes, visiting only the touched slots (`tokBest` is cleared per word as
        /// it is used; `tokInfo` is written before it is read).
        mutating func reset() {
            for e32 in touched {
                let e = Int(e32)
                total[e] = 0
                nameMatched[e] = 0
                stats[e] = 0
                exactAll[e] = 0
            }
            for e32 in tokTouched { tokBest[Int(e32)] = 0 }
            touched.removeAll(keepingCapacity: true)
            tokTouched.removeAll(keepingCapacity: true)
        }
    }
}

/// Accumulators kept between the queries of one `NameIndex`: a query takes one (or makes one
/// when all are in use), and gives it back reset. Allocating and zeroing six arrays with a slot
/// per entry was a third of a search's instructions (BENCHMARKS.md); reset touches only the
/// few hundred entries a query reached.
///
/// At most `capacity` are kept (one per event-loop thread is the steady state), so memory is
/// bounded: about 21 bytes per entry each.
final class SearchScratchPool: Sendable {
    private let free = Mutex<[NameIndex.Accumulator]>([])
    private let entryCount: Int
    private let capacity: Int

    init(entryCount: Int, capacity: Int = 4) {
        self.entryCount = entryCount
        self.capacity = capacity
    }

    /// Runs `body` with an all-zero accumulator of `entryCount` slots.
    func withScratch<R>(_ body: (inout NameIndex.Accumulator) -> R) -> R {
        var acc = free.withLock { $0.popLast() } ?? NameIndex.Accumulator(count: entryCount)
        defer {
            acc.reset()
            free.withLock { pool in
                if pool.count < capacity { pool.append(acc) }
            }
        }
        return body(&acc)
    }
}
