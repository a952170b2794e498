import Synchronization

/// Whether this process should be sent traffic: the dataset is loaded and the server is
/// not draining. Shared by every surface that reports health (the admin listener's
/// `/readyz`, the gRPC health service), so they always agree.
public final class Readiness: Sendable {
    private let loaded = Atomic<Bool>(false)
    private let draining = Atomic<Bool>(false)
    /// Callbacks waiting for draining to begin (`onDraining`), by token.
    private let drainingWatchers = Mutex<(next: Int, callbacks: [Int: @Sendable () -> Void])>((0, [:]))

    public init() {}

    /// Call once the first dataset is loaded and indexed.
    public func markLoaded() { loaded.store(true, ordering: .releasing) }

    /// Call when graceful shutdown begins: the load balancer should stop sending new work.
    /// Every `onDraining` callback is called, once, on the caller's thread.
    public func markDraining() {
        let callbacks = drainingWatchers.withLock { watchers in
            draining.store(true, ordering: .releasing)
            defer { watchers.callbacks = [:] }
            return watchers.callbacks
        }
        for callback in callbacks.values { callback() }
    }

    /// Calls `callback` once when draining begins (from the thread that calls `markDraining`),
    /// for health watchers (gRPC `Health/Watch`) to hear of it at once.
    /// - Returns: a token for `stopWatching`; nil when draining has already begun (nothing
    ///   will be called: the caller reads `isReady` instead).
    public func onDraining(_ callback: @escaping @Sendable () -> Void) -> Int? {
        drainingWatchers.withLock { watchers in
            if draining.load(ordering: .acquiring) { return nil }
            let token = watchers.next
            watchers.next += 1
            watchers.callbacks[token] = callback
            return token
        }
    }

    /// How many `onDraining` callbacks wait (tests and diagnostics: a watcher that has gone
    /// must not stay listed).
    public var drainingWatcherCount: Int { drainingWatchers.withLock { $0.callbacks.count } }

    /// Forgets an `onDraining` callback (its watcher has gone).
    public func stopWatching(_ token: Int) {
        _ = drainingWatchers.withLock { $0.callbacks.removeValue(forKey: token) }
    }

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
