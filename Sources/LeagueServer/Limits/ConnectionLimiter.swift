import LeagueService
import Synchronization

/// Counts the open connections of one server against `ServerConfiguration.maxConnections`.
/// Shared by every event loop, hence atomic.
///
/// It also gives memory back after a wave of connections closes. Each open connection
/// holds buffers and handlers; when thousands close (the chaos run's 5,000 idle clients),
/// glibc keeps the freed pages. Once ``trimAfterClosing`` connections have closed since
/// the peak, one trim runs off the event loops when the wave is over: after a second
/// without a close (at most ``trimWaitLimit`` after it was scheduled). A trim a fixed second
/// after the 512th close ran while a slow wave was still closing, so most of its pages
/// were freed after it and stayed resident.
final class ConnectionLimiter: Sendable {
    let limit: Int
    /// Closed connections since the last peak that make a trim worth its few milliseconds.
    static let trimAfterClosing = 512

    /// How long a wave may go on before the trim runs anyway (the next 512 closes schedule another).
    static let trimWaitLimit = 10

    private let open = Atomic<Int>(0)
    /// Every close so far: the scheduled trim waits until a second passes without one.
    private let closes = Atomic<Int>(0)
    private let peakSinceTrim = Atomic<Int>(0)
    private let trimScheduled = Atomic<Bool>(false)

    init(limit: Int) { self.limit = limit }

    /// Takes a place for a new connection; false (and nothing taken) when all are in use.
    func acquire() -> Bool {
        let before = open.wrappingAdd(1, ordering: .relaxed).oldValue
        if before < limit {
            raisePeak(to: before + 1)
            return true
        }
        open.wrappingSubtract(1, ordering: .relaxed)
        return false
    }

    /// Gives back the place of a closed connection.
    func release() {
        let now = open.wrappingSubtract(1, ordering: .relaxed).newValue
        closes.wrappingAdd(1, ordering: .relaxed)
        if peakSinceTrim.load(ordering: .relaxed) - now >= Self.trimAfterClosing {
            scheduleTrim()
        }
    }

    /// Connections open now.
    var current: Int { open.load(ordering: .relaxed) }

    private func raisePeak(to value: Int) {
        var peak = peakSinceTrim.load(ordering: .relaxed)
        while peak < value {
            let (exchanged, original) = peakSinceTrim.compareExchange(
                expected: peak, desired: value, ordering: .relaxed)
            if exchanged { return }
            peak = original
        }
    }

    private func scheduleTrim() {
        guard trimScheduled.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else {
            return
        }
        Task.detached(priority: .background) {
            for _ in 0..<Self.trimWaitLimit {
                let before = self.closes.load(ordering: .relaxed)
                try? await Task.sleep(for: .seconds(1))
                if self.closes.load(ordering: .relaxed) == before { break }
            }
            self.peakSinceTrim.store(self.current, ordering: .relaxed)
            self.trimScheduled.store(false, ordering: .relaxed)
            ReleaseFreedMemory.now()
        }
    }
}
