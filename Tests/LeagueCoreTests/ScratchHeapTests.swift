import Testing

@testable import LeagueCore

/// The one heap the nearest-trust search uses, for its box queue and its k best trusts.
@Suite("ScratchHeap")
struct ScratchHeapTests {
    enum Smallest: HeapOrder {
        static func isAbove(_ a: Int, _ b: Int) -> Bool { a < b }
    }

    enum Largest: HeapOrder {
        static func isAbove(_ a: Int, _ b: Int) -> Bool { a > b }
    }

    /// A fixed-seed generator so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("pops in order, duplicates included", arguments: [0, 1, 2, 7, 64, 500])
    func popsInOrder(count: Int) {
        var rng = SplitMix(state: UInt64(count))
        let values = (0..<count).map { _ in Int.random(in: 0..<50, using: &rng) }
        let popped = withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { storage in
            var heap = ScratchHeap<Smallest>(storage: storage)
            for v in values { heap.push(v) }
            #expect(heap.isFull)
            #expect(heap.count == count)
            var out: [Int] = []
            while !heap.isEmpty { out.append(heap.popTop()) }
            return out
        }
        #expect(popped == values.sorted())
    }

    @Test("interleaved pushes, pops and replacements keep heap order")
    func interleaved() {
        var rng = SplitMix(state: 42)
        var model: [Int] = []
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 40) { storage in
            var heap = ScratchHeap<Largest>(storage: storage)
            for _ in 0..<5_000 {
                switch Int.random(in: 0..<3, using: &rng) {
                case 0 where !heap.isFull:
                    let v = Int.random(in: -100...100, using: &rng)
                    heap.push(v)
                    model.append(v)
                case 1 where !heap.isEmpty:
                    #expect(heap.popTop() == model.max())
                    model.remove(at: model.firstIndex(of: model.max()!)!)
                case 2 where !heap.isEmpty:
                    // Replace any element, by a larger or a smaller value.
                    let at = Int.random(in: 0..<heap.count, using: &rng)
                    let old = heap[at]
                    let v = Int.random(in: -100...100, using: &rng)
                    heap.replace(at: at, with: v)
                    model[model.firstIndex(of: old)!] = v
                default:
                    break
                }
                #expect(heap.count == model.count)
                if !heap.isEmpty { #expect(heap.top == model.max()) }
            }
            var drained: [Int] = []
            while !heap.isEmpty { drained.append(heap.popTop()) }
            #expect(drained == model.sorted(by: >))
        }
    }

    @Test("as a bounded list of the k best, worst on top, it keeps exactly the k smallest")
    func boundedBest() {
        var rng = SplitMix(state: 7)
        for k in [1, 5, 50] {
            let values = (0..<1_000).map { _ in Int.random(in: 0..<10_000, using: &rng) }
            let kept = withUnsafeTemporaryAllocation(of: Int.self, capacity: k) { storage in
                var best = ScratchHeap<Largest>(storage: storage)
                for v in values {
                    if !best.isFull {
                        best.push(v)
                    } else if v < best.top {
                        best.replace(at: 0, with: v)
                    }
                }
                return (0..<best.count).map { best[$0] }.sorted()
            }
            #expect(kept == Array(values.sorted().prefix(k)))
        }
    }

    @Test("firstIndex finds an element wherever the heap put it")
    func firstIndex() {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 8) { storage in
            var heap = ScratchHeap<Smallest>(storage: storage)
            for v in [5, 3, 8, 1] { heap.push(v) }
            for v in [5, 3, 8, 1] {
                let at = heap.firstIndex { $0 == v }
                #expect(at.map { heap[$0] } == v)
            }
            #expect(heap.firstIndex { $0 == 4 } == nil)
        }
    }
}
