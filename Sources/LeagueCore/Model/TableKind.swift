/// The three NHS Oversight Framework league tables.
public enum TableKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    /// Acute hospital trusts (134 in 2025/26 and Q1 2026/27).
    case acute = "acute"
    /// Non-acute trusts: mental health and community trusts (61 in 2025/26, 58 in Q1 2026/27).
    case nonAcute = "non-acute"
    /// Ambulance trusts (10).
    case ambulance = "ambulance"

    /// Parses "acute", "non-acute", "ambulance" and common spellings such as "nonacute",
    /// "Non acute", "mental health and community", "non-acute (mental health and community)",
    /// "mental health", "community", "mhc", "amb". Case and punctuation are ignored. Returns nil
    /// for anything else. The one parser of table names: the dataset files and the CLI both use it.
    public init?(parsing text: String) {
        let letters = String(text.lowercased().unicodeScalars.filter { ($0.properties.isAlphabetic) })
        switch letters {
        case "acute", "acutetrust", "acutetrusts":
            self = .acute
        case "nonacute", "nonacutetrust", "nonacutetrusts", "nonacutementalhealthandcommunity",
            "mentalhealthandcommunity", "mentalhealthandcommunitytrust", "mentalhealthandcommunitytrusts",
            "mentalhealthcommunity", "mhc", "mhcommunity", "mhandcommunity", "mentalhealth", "community", "mh":
            self = .nonAcute
        case "ambulance", "ambulancetrust", "ambulancetrusts", "amb":
            self = .ambulance
        default:
            return nil
        }
    }

    /// Plain-English name for patients.
    public var displayName: String {
        switch self {
        case .acute: return "acute (hospital) trusts"
        case .nonAcute: return "mental health and community trusts"
        case .ambulance: return "ambulance trusts"
        }
    }

    /// Fixed order: acute, non-acute, ambulance.
    public var sortIndex: Int {
        switch self {
        case .acute: return 0
        case .nonAcute: return 1
        case .ambulance: return 2
        }
    }

    public static func < (lhs: TableKind, rhs: TableKind) -> Bool { lhs.sortIndex < rhs.sortIndex }

    public var description: String { rawValue }
}
