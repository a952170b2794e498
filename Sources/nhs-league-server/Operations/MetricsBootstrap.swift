import Metrics
import Prometheus

/// The Prometheus backend for swift-metrics. Only this executable knows Prometheus; the
/// libraries emit through swift-metrics (`ServiceMetrics`).
enum MetricsBootstrap {
    /// Bootstraps swift-metrics once; returns the registry that `/metrics` renders.
    static func prometheus() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Answers take microseconds; the default buckets start at milliseconds.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(25), .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
            .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }
}
