import Dispatch
import Synchronization

/// Runs independent steps of a load at the same time and returns all their results.
///
/// Loading and indexing a snapshot is CPU-bound work done before the server binds (and on
/// reload, off the event loops): steps that share no mutable state (different CSV files,
/// different indexes over the same immutable `Dataset`) run on Dispatch's worker threads,
/// so the load's wall time drops on a multi-core machine. `concurrentPerform` always runs
/// iterations on the calling thread too, so this never waits for a free worker: on one core
/// the steps simply run one after the other. Never call it on a NIO event loop.
enum Concurrently {
    /// Runs `a` and `b` at the same time; returns when both have finished.
    static func run<A: Sendable, B: Sendable>(
        _ a: @Sendable () -> A, _ b: @Sendable () -> B
    ) -> (A, B) {
        // The three-step form with an empty third step: one copy of the gathering.
        let (resultA, resultB, _) = run(a, b) {}
        return (resultA, resultB)
    }

    /// Runs `a`, `b` and `c` at the same time; returns when all three have finished.
    static func run<A: Sendable, B: Sendable, C: Sendable>(
        _ a: @Sendable () -> A, _ b: @Sendable () -> B, _ c: @Sendable () -> C
    ) -> (A, B, C) {
        let results = Mutex<(A?, B?, C?)>((nil, nil, nil))
        DispatchQueue.concurrentPerform(iterations: 3) { step in
            switch step {
            case 0:
                let value = a()
                results.withLock { $0.0 = value }
            case 1:
                let value = b()
                results.withLock { $0.1 = value }
            default:
                let value = c()
                results.withLock { $0.2 = value }
            }
        }
        // concurrentPerform returns only after every iteration has run, so all are set.
        return results.withLock { ($0.0!, $0.1!, $0.2!) }
    }
}

extension Concurrently {
    /// `items.map(transform)`, with the items split into a few contiguous chunks transformed at
    /// the same time; the results keep the items' order, so the answer is exactly `map`'s.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        // A few chunks per core, so a core that is busy elsewhere does not hold the rest back.
        let chunkCount = min(items.count, 8)
        guard chunkCount > 1 else { return items.map(transform) }
        let chunks = Mutex<[[R]]>(Array(repeating: [], count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = (items.count * chunk / chunkCount)..<(items.count * (chunk + 1) / chunkCount)
            let results = items[range].map(transform)
            chunks.withLock { $0[chunk] = results }
        }
        return chunks.withLock { Array($0.joined()) }
    }
}
