/// Swift mirrors of each call's request and result messages in `league.proto`.

/// `nhs.league.v1.ServerInfo` (also the health check).
public struct ServerInfo: Sendable, Hashable, Encodable {
    public var serverVersion: String = ""
    public var dataVersion: String = ""
    public var coverage: [TableCoverage] = []
    public var trusts: UInt32 = 0
    public var sites: UInt32 = 0
    public var postcodeSectors: UInt32 = 0
    public var postcodeDistricts: UInt32 = 0
    public var actions: UInt32 = 0
    public var latestQuarter: String = ""
    public var loadedAt: String = ""
    public var attribution: String = ""
    public var fullPostcodes: UInt32 = 0
    public var metrics: UInt32 = 0
    public var metricValues: UInt32 = 0
    public init() {}
}

/// `nhs.league.v1.GetTrustRequest`.
public struct GetTrustRequest: Sendable, Hashable, Encodable {
    public var odsCode: String
    public init(odsCode: String) { self.odsCode = odsCode }
}

/// `nhs.league.v1.TrustDetail`.
public struct TrustDetail: Sendable, Hashable, Encodable {
    public var trust: Trust = Trust()
    public var sites: [HospitalSite] = []
    public var caveats: [String] = []
    public var metricHighlights: MetricStrengths? = nil
    public init() {}
}

/// `nhs.league.v1.FindTrustsRequest`.
public struct FindTrustsRequest: Sendable, Hashable, Encodable {
    public var query: String
    /// 0 = server default (10); at most 50.
    public var limit: UInt32
    public init(query: String, limit: UInt32 = 0) {
        self.query = query
        self.limit = limit
    }
}

/// `nhs.league.v1.MatchKind`.
public enum MatchKind: Int32, Sendable, Hashable, CaseIterable {
    case unspecified = 0
    case exact = 1
    case alias = 2
    case prefix = 3
    case fuzzy = 4
    case token = 5
}

/// `nhs.league.v1.MatchField`.
public enum MatchField: Int32, Sendable, Hashable, CaseIterable {
    case unspecified = 0
    case odsCode = 1
    case trustName = 2
    case siteName = 3
    case alias = 4
    case formerName = 5
}

/// `nhs.league.v1.TrustMatch`.
public struct TrustMatch: Sendable, Hashable, Encodable {
    public var trust: Trust = Trust()
    public var kind: MatchKind = .unspecified
    public var field: MatchField = .unspecified
    public var matchedText: String = ""
    public var score: Double = 0
    public var siteCode: String = ""
    public var aliasSource: String = ""
    public init() {}
}

/// `nhs.league.v1.FindTrustsResult`.
public struct FindTrustsResult: Sendable, Hashable, Encodable {
    public var matches: [TrustMatch] = []
    public var didYouMean: [String] = []
    public var normalizedQuery: String = ""
    /// The best match is not clearly ahead of the next: show the candidates.
    public var ambiguous: Bool = false
    public init() {}
}

/// `nhs.league.v1.NearestRequest`.
public struct NearestRequest: Sendable, Hashable, Encodable {
    public var postcode: String = ""
    public var latitude: Double? = nil
    public var longitude: Double? = nil
    /// 0 = server default (5); at most 50.
    public var limit: UInt32 = 0
    /// Empty = all tables.
    public var tables: [LeagueTableKind] = []
    public var maxDistanceKm: Double? = nil
    public init() {}
}

/// `nhs.league.v1.LocationPrecision`.
public enum LocationPrecision: Int32, Sendable, Hashable, CaseIterable {
    case unspecified = 0
    case fullPostcode = 1
    case postcodeSector = 2
    case postcodeDistrict = 3
    case coordinates = 4
}

/// `nhs.league.v1.ResolvedLocation`.
public struct ResolvedLocation: Sendable, Hashable, Encodable {
    public var query: String = ""
    public var latitude: Double = 0
    public var longitude: Double = 0
    public var precision: LocationPrecision = .unspecified
    public var matched: String = ""
    public var country: String = ""
    public var note: String = ""
    public init() {}
}

/// `nhs.league.v1.NearbyTrust`.
public struct NearbyTrust: Sendable, Hashable, Encodable {
    public var trust: Trust = Trust()
    public var site: HospitalSite? = nil
    public var viaHeadquarters: Bool = false
    public var distanceKm: Double = 0
    public var distanceMiles: Double = 0
    public init() {}
}

/// `nhs.league.v1.NearestResult`.
public struct NearestResult: Sendable, Hashable, Encodable {
    public var location: ResolvedLocation = ResolvedLocation()
    public var trusts: [NearbyTrust] = []
    public var caveats: [String] = []
    public init() {}
}

/// `nhs.league.v1.ListActionsRequest`.
public struct ListActionsRequest: Sendable, Hashable, Encodable {
    public var odsCode: String
    public init(odsCode: String) { self.odsCode = odsCode }
}

/// `nhs.league.v1.ImprovementAction`.
public struct ImprovementAction: Sendable, Hashable, Encodable {
    public var date: String = ""
    public var title: String = ""
    public var category: String = ""
    public var status: String = ""
    public var sourceURL: String = ""
    public var note: String = ""
    public var derived: Bool = false
    public var sourceType: String = ""
    public var sourceText: String = ""
    public init() {}
}

/// `nhs.league.v1.ListActionsResult`.
public struct ListActionsResult: Sendable, Hashable, Encodable {
    public var trust: Trust = Trust()
    public var actions: [ImprovementAction] = []
    public var summary: String = ""
    public init() {}
}

/// `nhs.league.v1.LeagueTableRequest`.
public struct LeagueTableRequest: Sendable, Hashable, Encodable {
    public var table: LeagueTableKind = .unspecified
    /// "" = latest quarter with data.
    public var quarter: String = ""
    public var segment: UInt32? = nil
    public var region: String = ""
    public var descending: Bool = false
    public var offset: UInt32 = 0
    /// 0 = server default (20); at most 200.
    public var limit: UInt32 = 0
    public init() {}
}

/// `nhs.league.v1.LeagueTableRow`.
public struct LeagueTableRow: Sendable, Hashable, Encodable {
    public var trust: Trust = Trust()
    public var ranking: Ranking = Ranking()
    public init() {}
}

/// `nhs.league.v1.LeagueTableResult`.
public struct LeagueTableResult: Sendable, Hashable, Encodable {
    public var quarter: String = ""
    public var table: LeagueTableKind = .unspecified
    public var totalMatching: UInt32 = 0
    public var rows: [LeagueTableRow] = []
    public var coverage: TableCoverage? = nil
    public var availableQuarters: [String] = []
    public init() {}
}

/// `nhs.league.v1.TrustHistoryRequest`.
public struct TrustHistoryRequest: Sendable, Hashable, Encodable {
    public var odsCode: String
    public init(odsCode: String) { self.odsCode = odsCode }
}

/// `nhs.league.v1.TrustHistoryResult`.
public struct TrustHistoryResult: Sendable, Hashable, Encodable {
    public var trust: Trust = Trust()
    /// Oldest first.
    public var rankings: [Ranking] = []
    public var caveats: [String] = []
    public init() {}
}
