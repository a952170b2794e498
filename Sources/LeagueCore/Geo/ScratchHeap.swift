/// How a ``ScratchHeap`` orders its elements.
protocol HeapOrder {
    associatedtype Element
    /// True when `a` belongs nearer the top than `b` (a strict weak order).
    static func isAbove(_ a: Element, _ b: Element) -> Bool
}

/// A binary heap in fixed-capacity memory that the caller owns (typically from
/// `withUnsafeTemporaryAllocation`), so a query that uses it allocates nothing on the heap.
///
/// The top (`top`, index 0) is an element that no other element is above. The nearest-trust
/// search uses it twice: as its queue of k-d tree boxes (nearest box on top) and as its bounded
/// list of the k best trusts (worst on top, so the next better trust replaces it).
/// swift-collections' `Heap` would allocate its storage on every query and cannot change an
/// element in place (`replace(at:with:)`), which the k best trusts need when a trust gets closer.
struct ScratchHeap<Order: HeapOrder> {
    typealias Element = Order.Element

    private let storage: UnsafeMutableBufferPointer<Element>
    /// The number of elements; they are `storage[0..<count]`.
    private(set) var count = 0

    /// An empty heap over `storage` (at most `storage.count` elements; its contents are ignored).
    init(storage: UnsafeMutableBufferPointer<Element>) {
        self.storage = storage
    }

    var isEmpty: Bool { count == 0 }
    var isFull: Bool { count == storage.count }

    /// The top element.
    /// - Precondition: the heap is not empty.
    var top: Element {
        precondition(count > 0, "empty heap")
        return storage[0]
    }

    /// The element at `index` (heap order, not sorted order).
    subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "index out of range")
        return storage[index]
    }

    /// The index of the first element (heap order) for which `predicate` is true.
    func firstIndex(where predicate: (Element) -> Bool) -> Int? {
        (0..<count).first { predicate(storage[$0]) }
    }

    /// Adds `element`.
    /// - Precondition: the heap is not full.
    mutating func push(_ element: Element) {
        precondition(count < storage.count, "heap is full")
        count += 1
        siftUp(element, from: count - 1)
    }

    /// Removes and returns the top element.
    /// - Precondition: the heap is not empty.
    mutating func popTop() -> Element {
        let result = top
        count -= 1
        if count > 0 { siftDown(storage[count], from: 0) }
        return result
    }

    /// Puts `element` in the place of the element at `index` and restores the heap order.
    mutating func replace(at index: Int, with element: Element) {
        precondition(index >= 0 && index < count, "index out of range")
        if index > 0, Order.isAbove(element, storage[(index - 1) / 2]) {
            siftUp(element, from: index)
        } else {
            siftDown(element, from: index)
        }
    }

    /// Moves `element`, placed at the hole `index`, up past every parent it is above.
    private func siftUp(_ element: Element, from index: Int) {
        var hole = index
        while hole > 0 {
            let parent = (hole - 1) / 2
            guard Order.isAbove(element, storage[parent]) else { break }
            storage[hole] = storage[parent]
            hole = parent
        }
        storage[hole] = element
    }

    /// Moves `element`, placed at the hole `index`, down below every child that is above it.
    private func siftDown(_ element: Element, from index: Int) {
        var hole = index
        while true {
            var child = 2 * hole + 1
            guard child < count else { break }
            if child + 1 < count, Order.isAbove(storage[child + 1], storage[child]) { child += 1 }
            guard Order.isAbove(storage[child], element) else { break }
            storage[hole] = storage[child]
            hole = child
        }
        storage[hole] = element
    }
}
