/// Why an import was refused. Nothing is written when this is thrown.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The mapping file is unreadable or inconsistent.
        case mapping
        /// An input or dataset file could not be read or written.
        case io
        /// The published file is malformed or inconsistent (see `issues`).
        case invalidInput = "invalid_input"
        /// Imported trust codes are not in trusts.csv (and `--allow-new-trusts` was not given).
        case unknownTrusts = "unknown_trusts"
        /// The merged dataset does not pass `DatasetLoader.load` (see `issues`).
        case validationFailed = "validation_failed"
    }

    public var kind: Kind
    public var message: String
    /// `file:line: what is wrong`, in file then line order.
    public var issues: [DatasetIssue]

    public init(kind: Kind, message: String, issues: [DatasetIssue] = []) {
        self.kind = kind
        self.message = message
        self.issues = issues
    }

    public var description: String {
        ([message] + issues.map(\.description)).joined(separator: "\n")
    }
}
