import LeagueCore
import LeagueWire
import ProtobufCRuntime

// How the CLI names the protocol's enums to people. The table vocabulary (names
// and aliases) is LeagueCore's `TableKind`, the same one the dataset uses.

extension LeagueTableKind {
    /// Parses what a person typed ("acute", "non-acute", "mental health", "amb", ...).
    init?(userInput text: String) {
        switch TableKind(parsing: text) {
        case .acute: self = .acute
        case .nonAcute: self = .nonAcute
        case .ambulance: self = .ambulance
        case nil: return nil
        }
    }

    /// "acute", "non-acute", "ambulance" (the dataset's names; "unspecified" for 0).
    var name: String {
        switch self {
        case .unspecified: "unspecified"
        case .acute: TableKind.acute.rawValue
        case .nonAcute: TableKind.nonAcute.rawValue
        case .ambulance: TableKind.ambulance.rawValue
        }
    }

    /// Label for headings, e.g. "mental health and community (non-acute)".
    var label: String {
        switch self {
        case .unspecified: "unknown table"
        case .nonAcute: "mental health and community (non-acute)"
        case .acute, .ambulance: self.name
        }
    }
}

extension ProtoNamedEnum {
    /// The proto value name in words, without the enum's prefix:
    /// `FIELD_SITE_NAME` -> "site name", `PRECISION_POSTCODE_SECTOR` -> "postcode sector".
    var words: String {
        self.protoName.split(separator: "_").dropFirst().joined(separator: " ").lowercased()
    }
}

extension TrustMatch {
    /// What matched, in words: `initials "RVI" of The Royal Victoria Infirmary` for initials
    /// the server derived from a name (its alias source says "initials of ..."), else the field
    /// and the text (`alias "MRI"`, `former name "..."`).
    /// Matched a town's name for its general acute hospital (the server's `NameIndex.townSourcePrefix`).
    var isTownMatch: Bool { field == .alias && aliasSource.hasPrefix("general acute hospital in ") }

    var matchedWords: String {
        let initialsOf = "initials of "
        if field == .alias, aliasSource.hasPrefix(initialsOf) {
            return "initials \"\(matchedText)\" of \(aliasSource.dropFirst(initialsOf.count))"
        }
        if isTownMatch { return "town \"\(matchedText)\" (its general acute hospital)" }
        return "\(field.words) \"\(matchedText)\""
    }
}
