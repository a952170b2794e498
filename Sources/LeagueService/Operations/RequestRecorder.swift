import CoreMetrics
import LeagueWire

/// Records answered requests for one connection (or one stream), keeping each metric
/// handle it has made: asking the metrics factory for a handle takes a lock and a lookup
/// in the backend, which a request should not pay every time. Not shared between threads:
/// a transport keeps one per connection, on that connection's event loop.
public struct RequestRecorder {
    private struct Key: Hashable {
        var call: String
        var code: StatusCode
    }

    /// The transport's `protocol` label ("tcp", "grpc").
    public let protocolLabel: String
    private var counters: [Key: Counter] = [:]
    private var timers: [String: CoreMetrics.Timer] = [:]

    public init(protocol: String) {
        self.protocolLabel = `protocol`
    }

    /// Counts one answer of `call` with `code`, and times it by call.
    public mutating func record(call: String, code: StatusCode, duration: Duration) {
        // A handle is stored once, when first made: storing it again on every request would
        // hash the key a second time (each lookup hashes the call's name).
        let protocolLabel = protocolLabel
        Self.handle(in: &counters, for: Key(call: call, code: code)) {
            Counter(
                label: ServiceMetrics.Name.requests,
                dimensions: [("call", call), ("protocol", protocolLabel), ("code", code.protoName)])
        }.increment()
        Self.handle(in: &timers, for: call) {
            CoreMetrics.Timer(label: ServiceMetrics.Name.requestDuration, dimensions: [("call", call)])
        }.record(duration: duration)
    }

    /// The handle kept for `key`, made (and kept) the first time.
    private static func handle<Key: Hashable, Handle>(
        in handles: inout [Key: Handle], for key: Key, make: () -> Handle
    ) -> Handle {
        if let handle = handles[key] { return handle }
        let handle = make()
        handles[key] = handle
        return handle
    }
}
