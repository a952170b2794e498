extension RandomAccessCollection {
    /// The index of the first element for which `belongsInSecondPartition` is true, in a
    /// collection already partitioned by it (false for a prefix, true for the rest): a binary
    /// search, `endIndex` when no element is. Same name and contract as swift-algorithms'
    /// `partitioningIndex(where:)`, which this core module does not depend on for one function.
    func partitioningIndex(where belongsInSecondPartition: (Element) -> Bool) -> Index {
        var lo = startIndex
        var n = count
        while n > 0 {
            let half = n / 2
            let mid = index(lo, offsetBy: half)
            if belongsInSecondPartition(self[mid]) {
                n = half
            } else {
                lo = index(after: mid)
                n -= half + 1
            }
        }
        return lo
    }
}
