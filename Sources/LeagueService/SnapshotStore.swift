import Synchronization

/// Holds the snapshot every request is answered from, and swaps it atomically.
///
/// A request reads `current` once and answers entirely from that value, so a reload
/// that lands mid-request never mixes two datasets in one answer; the old snapshot is
/// freed when its last reader is done (it is an immutable value).
public final class SnapshotStore<Snapshot: Sendable>: Sendable {
    private let storage: Mutex<Snapshot>

    public init(_ initial: Snapshot) {
        storage = Mutex(initial)
    }

    /// The snapshot to answer from. Cheap: a lock and a reference-count increment.
    public var current: Snapshot {
        storage.withLock { $0 }
    }

    /// Replaces the snapshot; returns the previous one.
    @discardableResult
    public func replace(with snapshot: Snapshot) -> Snapshot {
        storage.withLock { current in
            let previous = current
            current = snapshot
            return previous
        }
    }
}
