import Synchronization

/// The going-away notice of one connection (issue 14), once the server sent it: shared by
/// the channel's `ResponseMatchingHandler`, which records it, and `LeagueClient`, which
/// fails later calls with `.goingAway` even after the connection has closed.
final class GoingAwayNotice: Sendable {
    private let message = Mutex<String?>(nil)

    /// The notice's message, if one arrived.
    var received: String? { message.withLock { $0 } }

    func record(_ text: String) { message.withLock { $0 = text } }

    /// The error a call gets that the server will not answer.
    static func error(_ message: String) -> LeagueClientError {
        LeagueClientError(.goingAway, "\(message); retry on a new connection")
    }
}
