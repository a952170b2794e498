/// One problem in a dataset file.
public struct DatasetIssue: Sendable, Hashable, CustomStringConvertible {
    /// File name, e.g. `rankings.csv`.
    public var file: String
    /// 1-based physical line (header = 1); 0 when the problem concerns the whole file.
    public var line: Int
    /// What is wrong.
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(file):\(line): \(message)" }
}

/// Why a dataset could not be loaded. Lists every problem found, not just the first.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The directory does not exist or is not readable.
        case directoryUnreadable = "directory_unreadable"
        /// One or more files are missing, malformed or fail validation.
        case invalidData = "invalid_data"
    }

    public var code: Code
    /// Human summary.
    public var message: String
    /// Every problem found, in file then line order.
    public var issues: [DatasetIssue]
    /// Underlying error, if any (e.g. a file-system error).
    public var cause: (any Error & Sendable)?

    public init(code: Code, message: String, issues: [DatasetIssue] = [], cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.issues = issues
        self.cause = cause
    }

    /// The summary, then one `file:line: message` per line.
    public var description: String {
        var lines = ["\(message) [\(code.rawValue)]"]
        lines += issues.map(\.description)
        if let cause { lines.append("cause: \(cause)") }
        return lines.joined(separator: "\n")
    }
}
