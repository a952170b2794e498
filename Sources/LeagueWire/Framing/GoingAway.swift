/// The id-0 notice a server sends each open connection when it shuts down gracefully
/// (issue 14): UNAVAILABLE, with a message that says so and names the last request id the
/// server will still answer. Requests sent after it are not answered: a client retries
/// them on a new connection (or another replica). Shared by the server (which writes it)
/// and the Swift client (which recognises it); the C and Python clients match the same prefix.
public enum GoingAway {
    /// Every going-away message starts with this.
    public static let messagePrefix = "server going away"

    /// The notice's message: "server going away; requests up to id 41 will be answered".
    public static func message(lastAnsweredID: UInt64) -> String {
        "\(messagePrefix); requests up to id \(lastAnsweredID) will be answered"
    }

    /// The notice as the status of an id-0 response.
    public static func status(lastAnsweredID: UInt64) -> Status {
        Status(code: .unavailable, message: message(lastAnsweredID: lastAnsweredID))
    }

    /// True when `response` is a going-away notice.
    public static func isNotice(_ response: Response) -> Bool {
        response.id == 0 && response.status.code == .unavailable
            && response.status.message.hasPrefix(messagePrefix)
    }

    /// The last request id a notice says will be answered, if its message names one.
    public static func lastAnsweredID(in message: String) -> UInt64? {
        guard message.hasPrefix(messagePrefix), let range = message.range(of: "up to id ") else { return nil }
        return UInt64(message[range.upperBound...].prefix(while: \.isNumber))
    }
}
