/// Stable lower-case names for the protocol's enums: used in JSON output and
/// wherever a person or a script names a value ("non-acute", "NOT_FOUND").
/// Encoded as names rather than numbers so JSON consumers need not know the proto.

extension LeagueTableKind: Encodable {
    /// "acute", "non-acute", "ambulance" ("unspecified" for 0).
    public var name: String {
        switch self {
        case .unspecified: "unspecified"
        case .acute: "acute"
        case .nonAcute: "non-acute"
        case .ambulance: "ambulance"
        }
    }

    /// Human label for the table, e.g. "mental health and community (non-acute)".
    public var label: String {
        switch self {
        case .unspecified: "unknown table"
        case .acute: "acute"
        case .nonAcute: "mental health and community (non-acute)"
        case .ambulance: "ambulance"
        }
    }

    /// Parses "acute", "non-acute", "nonacute", "mental-health", "community", "ambulance".
    public init?(name: String) {
        switch name.lowercased().filter({ $0.isLetter }) {
        case "acute": self = .acute
        case "nonacute", "mentalhealth", "mentalhealthandcommunity", "community", "mh": self = .nonAcute
        case "ambulance", "amb": self = .ambulance
        default: return nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

extension StatusCode: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension MatchKind: Encodable {
    public var name: String {
        switch self {
        case .unspecified: "unspecified"
        case .exact: "exact"
        case .alias: "alias"
        case .prefix: "prefix"
        case .fuzzy: "fuzzy"
        case .token: "token"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

extension MatchField: Encodable {
    public var name: String {
        switch self {
        case .unspecified: "unspecified"
        case .odsCode: "ods_code"
        case .trustName: "trust_name"
        case .siteName: "site_name"
        case .alias: "alias"
        case .formerName: "former_name"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

extension LocationPrecision: Encodable {
    public var name: String {
        switch self {
        case .unspecified: "unspecified"
        case .fullPostcode: "full_postcode"
        case .postcodeSector: "postcode_sector"
        case .postcodeDistrict: "postcode_district"
        case .coordinates: "coordinates"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
