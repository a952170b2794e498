import CoreMetrics
import Foundation
import LeagueCore
import LeagueWire
import Metrics
import Synchronization

/// The server's metrics, emitted through swift-metrics: whichever backend the executable
/// bootstraps (Prometheus in `nhs-league-server`) collects them; with none bootstrapped
/// they cost almost nothing. Every transport (TCP today, gRPC later) records through here,
/// so one set of names covers them all; the `protocol` label tells them apart.
///
/// Names follow Prometheus conventions (`_total` counters, seconds for durations).
public enum ServiceMetrics {
    /// Metric names, public so tests and dashboards do not repeat string literals.
    public enum Name {
        public static let requests = "nhs_league_requests_total"
        public static let requestDuration = "nhs_league_request_duration_seconds"
        public static let openConnections = "nhs_league_open_connections"
        public static let framesRefused = "nhs_league_frames_refused_total"
        public static let reloads = "nhs_league_reloads_total"
        public static let datasetInfo = "nhs_league_dataset_info"
        public static let datasetLoadedAt = "nhs_league_dataset_loaded_timestamp_seconds"
        public static let datasetLoadDuration = "nhs_league_dataset_load_duration_seconds"
        public static let cacheHits = "nhs_league_cache_hits_total"
        public static let cacheMisses = "nhs_league_cache_misses_total"
        public static let limitsTripped = "nhs_league_limits_tripped_total"
    }

    /// One answered request: counted by call, protocol and status, timed by call.
    /// The call name comes from the generated `Call` enum, so new calls are covered.
    /// On a hot path prefer a `RequestRecorder`, which keeps the handles.
    public static func recordRequest(call: String, protocol proto: String, code: StatusCode, duration: Duration) {
        var recorder = RequestRecorder(protocol: proto)
        recorder.record(call: call, code: code, duration: duration)
    }

    /// A frame (or message body) refused before it reached the service, and why
    /// (`WireError.Kind` raw values such as `messageTooLarge`).
    public static func recordRefusedFrame(reason: String, protocol proto: String) {
        Counter(label: Name.framesRefused, dimensions: [("reason", reason), ("protocol", proto)]).increment()
    }

    /// Open connections of a transport, up or down by one.
    public static func connectionOpened(protocol proto: String) {
        Meter(label: Name.openConnections, dimensions: [("protocol", proto)]).increment()
    }

    public static func connectionClosed(protocol proto: String) {
        Meter(label: Name.openConnections, dimensions: [("protocol", proto)]).decrement()
    }

    /// A connection or request refused or cut off by one of the server's limits
    /// (`connections`, `requests_in_flight`, `idle`, `frame_timeout`; issue 14).
    public static func recordLimitTripped(_ limit: String) {
        Counter(label: Name.limitsTripped, dimensions: [("limit", limit)]).increment()
    }

    /// The hit and miss counters of one answer cache, created once (a `Counter` made per
    /// lookup asks the metrics factory for its handle every time: a lock and a dictionary
    /// lookup in the Prometheus backend, on the hot path of every cached answer).
    /// Make it after the executable bootstraps its metrics backend.
    public struct CacheLookupCounters: Sendable {
        private let hits: Counter
        private let misses: Counter

        /// The counters of the cache called `cache` (the `cache` label).
        public init(cache: String) {
            hits = Counter(label: Name.cacheHits, dimensions: [("cache", cache)])
            misses = Counter(label: Name.cacheMisses, dimensions: [("cache", cache)])
        }

        /// Counts one lookup.
        public func record(hit: Bool) {
            (hit ? hits : misses).increment()
        }

        /// Counts a batch of lookups.
        public func record(hits hitCount: Int, misses missCount: Int) {
            if hitCount > 0 { hits.increment(by: hitCount) }
            if missCount > 0 { misses.increment(by: missCount) }
        }
    }

    /// A reload's outcome: `ok`, `unchanged` or `failed`.
    public static func recordReload(outcome: String) {
        Counter(label: Name.reloads, dimensions: [("outcome", outcome)]).increment()
    }

    /// The dataset being served: an info gauge (1) labelled with its version and latest
    /// quarter, when it was loaded, and how long loading took.
    public static func recordDataset(_ snapshot: LeagueSnapshot, loadDuration: Duration?) {
        let labels = [("version", snapshot.version), ("quarter", snapshot.dataset.latestQuarter?.label ?? "")]
        let info = Gauge(label: Name.datasetInfo, dimensions: labels)
        let previous = currentInfo.withLock { current in
            defer { current = (labels.map(\.1), info) }
            return current
        }
        // A new version's series replaces the old one, so exactly one info series reads 1.
        if let previous, previous.labels != labels.map(\.1) { previous.gauge.destroy() }
        info.record(1)
        Gauge(label: Name.datasetLoadedAt).record(snapshot.loadedAt.timeIntervalSince1970)
        if let loadDuration {
            let seconds =
                Double(loadDuration.components.seconds) + Double(loadDuration.components.attoseconds) / 1e18
            Gauge(label: Name.datasetLoadDuration).record(seconds)
        }
    }

    private static let currentInfo = Mutex<(labels: [String], gauge: Gauge)?>(nil)
}
