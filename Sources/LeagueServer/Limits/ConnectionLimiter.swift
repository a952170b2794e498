import Synchronization

/// Counts the open connections of one server against `ServerConfiguration.maxConnections`.
/// Shared by every event loop, hence atomic.
final class ConnectionLimiter: Sendable {
    let limit: Int
    private let open = Atomic<Int>(0)

    init(limit: Int) { self.limit = limit }

    /// Takes a place for a new connection; false (and nothing taken) when all are in use.
    func acquire() -> Bool {
        let before = open.wrappingAdd(1, ordering: .relaxed).oldValue
        if before < limit { return true }
        open.wrappingSubtract(1, ordering: .relaxed)
        return false
    }

    /// Gives back the place of a closed connection.
    func release() { open.wrappingSubtract(1, ordering: .relaxed) }

    /// Connections open now.
    var current: Int { open.load(ordering: .relaxed) }
}
