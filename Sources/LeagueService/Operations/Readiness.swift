import Synchronization

/// Whether this process should be sent traffic: the dataset is loaded and the server is
/// not draining. Shared by every surface that reports health (the admin listener's
/// `/readyz`, the gRPC health service), so they always agree.
public final class Readiness: Sendable {
    private let loaded = Atomic<Bool>(false)
    private let draining = Atomic<Bool>(false)

    public init() {}

    /// Call once the first dataset is loaded and indexed.
    public func markLoaded() { loaded.store(true, ordering: .releasing) }

    /// Call when graceful shutdown begins: the load balancer should stop sending new work.
    public func markDraining() { draining.store(true, ordering: .releasing) }

    /// True when a dataset is loaded and the server is not draining.
    public var isReady: Bool {
        loaded.load(ordering: .acquiring) && !draining.load(ordering: .acquiring)
    }

    /// Why the process is not ready ("loading", "draining"), or nil when it is.
    public var notReadyReason: String? {
        if draining.load(ordering: .acquiring) { return "draining" }
        if !loaded.load(ordering: .acquiring) { return "loading" }
        return nil
    }
}
