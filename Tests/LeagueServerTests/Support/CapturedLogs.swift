import Logging
import Synchronization

/// Every log entry, at every level, rendered with its metadata: what an operator's log
/// would hold.
final class CapturedLogs: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var text: String
    }

    private let entries = Mutex<[Entry]>([])

    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { label in CapturingLogHandler(label: label, sink: self) }
        logger.logLevel = .trace
        return logger
    }

    func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    /// Every entry's text ("label message key=value ..."), in order.
    var all: [String] { entries.withLock { $0.map(\.text) } }

    /// A logger at trace level that keeps everything in this sink.
    var logger: Logger { logger("test-captured") }

    /// The entries at `level` or above.
    func atLeast(_ level: Logger.Level) -> [Entry] { entries.withLock { $0.filter { $0.level >= level } } }
}

struct CapturingLogHandler: LogHandler {
    let label: String
    let sink: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        sink.append(.init(level: event.level, text: "\(label) \(event.message) \(rendered)"))
    }
}
