import Synchronization

extension NameIndex {
    /// Per-entry accumulation for one query: one slot per index entry, plus the lists of entries
    /// touched. Only touched slots are ever non-zero between queries (`reset()` clears them),
    /// so a pooled accumulator serves the next query without being zeroed whole.
    ///
    /// A class over raw buffers: the ranking loops read and write a slot per posting, and a
    /// slot of an array in a struct costs a uniqueness check and a bounds check on every write.
    ///
    /// `@unchecked Sendable` because one query at a time uses an instance: `SearchScratchPool`
    /// hands it out from under its lock and takes it back, reset, after the query; nothing else
    /// holds a reference.
    final class Accumulator: @unchecked Sendable {
        let tokBest: UnsafeMutableBufferPointer<Float>
        let tokInfo: UnsafeMutableBufferPointer<UInt32>  // how | edits << 2 | ctx << 4 | term << 8
        /// The entries the current word reached, each once, in `tokTouched[..<tokTouchedCount]`.
        let tokTouched: UnsafeMutableBufferPointer<Int32>
        var tokTouchedCount = 0
        /// The weight of the query the entry explains so far. Not zero exactly when an earlier
        /// word reached the entry, as every reading adds a positive amount (a word's weight is an
        /// IDF, at least log 2, times a positive factor; a reading's quality and a holding's
        /// weight are positive too): the ranking loops test it alone for "touched", one load.
        let total: UnsafeMutableBufferPointer<Float>
        /// Share of the entry's own distinctive weight matched.
        let nameMatched: UnsafeMutableBufferPointer<Float>
        /// strongExact | prefix << 6 | fuzzy << 12 | edits << 18 | nameHits << 24
        let stats: UnsafeMutableBufferPointer<UInt32>
        /// Query words (generic ones included) matched exactly in the name.
        let exactAll: UnsafeMutableBufferPointer<UInt8>
        /// The entries the query reached, each once, in `touchedSlots[..<touchedCount]`.
        let touchedSlots: UnsafeMutableBufferPointer<Int32>
        var touchedCount = 0
        var touched: UnsafeMutableBufferPointer<Int32> { .init(rebasing: touchedSlots[..<touchedCount]) }
        /// The same entries as bits (entry e is bit e % 64 of word e / 64): a refining word with
        /// a long postings list reads it a word at a time (`NameIndex.DenseTerms`).
        let touchedBits: UnsafeMutableBufferPointer<UInt64>
        /// The entries holding a reading of some query word in their name, as bits (as
        /// `touchedBits`), when a reading has context postings (`NameIndex.markNameHolders`):
        /// only these can get a name hit, so only their context postings are worth visiting.
        let nameReach: UnsafeMutableBufferPointer<UInt64>
        /// Whether this query set any bit of `nameReach` (most queries have no context postings
        /// to skip and never do), so `reset` clears it only then.
        var nameReachWritten = false
        /// Per trust, where its best entry is in the scored list (`NameIndex.bestEntryPerTrust`),
        /// -1 for none, and its second-best entry's score, 0 for none: -1 and 0 between queries
        /// (`bestEntryPerTrust` restores the slots it used). A heap allocation per query, and
        /// growing arrays checked for uniqueness at every update, cost more than the slots' use.
        let trustBest: UnsafeMutableBufferPointer<Int32>
        let trustSecond: UnsafeMutableBufferPointer<Float>

        init(count: Int, trustCount: Int) {
            // Each list holds an entry at most once: a slot per entry is enough.
            func zeroed<T: Numeric>(_: T.Type) -> UnsafeMutableBufferPointer<T> {
                let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
                buffer.initialize(repeating: 0)
                return buffer
            }
            tokBest = zeroed(Float.self)
            tokInfo = zeroed(UInt32.self)
            total = zeroed(Float.self)
            nameMatched = zeroed(Float.self)
            stats = zeroed(UInt32.self)
            exactAll = zeroed(UInt8.self)
            tokTouched = zeroed(Int32.self)
            touchedSlots = zeroed(Int32.self)
            touchedBits = .allocate(capacity: (count + 63) / 64)
            touchedBits.initialize(repeating: 0)
            nameReach = .allocate(capacity: (count + 63) / 64)
            nameReach.initialize(repeating: 0)
            trustBest = .allocate(capacity: trustCount)
            trustBest.initialize(repeating: -1)
            trustSecond = .allocate(capacity: trustCount)
            trustSecond.initialize(repeating: 0)
        }

        /// Records that the query reached entry `e` (the caller checked it had not before).
        @inline(__always)
        func markTouched(_ e: Int32) {
            touchedSlots[touchedCount] = e
            touchedCount += 1
            touchedBits[Int(e) >> 6] |= 1 << UInt64(e & 63)
        }

        deinit {
            tokBest.deallocate()
            tokInfo.deallocate()
            total.deallocate()
            nameMatched.deallocate()
            stats.deallocate()
            exactAll.deallocate()
            tokTouched.deallocate()
            touchedSlots.deallocate()
            touchedBits.deallocate()
            nameReach.deallocate()
            trustBest.deallocate()
            trustSecond.deallocate()
        }

        /// Back to all zeroes, visiting only the touched slots (`tokBest` is cleared per word as
        /// it is used; `tokInfo` is written before it is read) and `nameReach` whole (a few
        /// hundred machine words, and its bits need not be touched entries) when it was written.
        func reset() {
            if nameReachWritten {
                nameReach.update(repeating: 0)
                nameReachWritten = false
            }
            for e32 in touched {
                let e = Int(e32)
                total[e] = 0
                nameMatched[e] = 0
                stats[e] = 0
                exactAll[e] = 0
                touchedBits[e >> 6] = 0
            }
            for e32 in tokTouched[..<tokTouchedCount] { tokBest[Int(e32)] = 0 }
            touchedCount = 0
            tokTouchedCount = 0
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
    private let trustCount: Int
    private let capacity: Int

    init(entryCount: Int, trustCount: Int, capacity: Int = 4) {
        self.entryCount = entryCount
        self.trustCount = trustCount
        self.capacity = capacity
    }

    /// Runs `body` with an all-zero accumulator of `entryCount` entry slots and `trustCount`
    /// trust slots.
    func withScratch<R>(_ body: (NameIndex.Accumulator) -> R) -> R {
        let acc =
            free.withLock { $0.popLast() } ?? NameIndex.Accumulator(count: entryCount, trustCount: trustCount)
        defer {
            acc.reset()
            free.withLock { pool in
                if pool.count < capacity { pool.append(acc) }
            }
        }
        return body(acc)
    }
}
