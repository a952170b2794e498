/// Swift mirrors of the shared message types in `league.proto`.
/// Optional Swift properties correspond to the proto's `<field>_present` oneofs:
/// `nil` means "not published / not known", never zero.

/// `nhs.league.v1.LeagueTableKind`.
public enum LeagueTableKind: Int32, Sendable, Hashable, CaseIterable {
    case unspecified = 0
    case acute = 1
    case nonAcute = 2
    case ambulance = 3
}

/// `nhs.league.v1.DomainScore`.
public struct DomainScore: Sendable, Hashable, Encodable {
    public var key: String = ""
    public var name: String = ""
    public var description: String = ""
    public var score: Double? = nil
    public var segment: UInt32? = nil
    public var source: String = ""
    public init() {}
}

/// `nhs.league.v1.Movement`.
public struct Movement: Sendable, Hashable, Encodable {
    public var previousQuarter: String = ""
    public var positionsUp: Int32? = nil
    public var segmentsUp: Int32? = nil
    public var previousPosition: Int32? = nil
    public var previousSegment: UInt32? = nil
    public var previousScore: Double? = nil
    public var summary: String = ""
    public init() {}
}

/// `nhs.league.v1.SegmentGap` (derived by this service, not published).
public struct SegmentGap: Sendable, Hashable, Encodable {
    public var targetSegment: UInt32 = 0
    public var thresholdScore: Double = 0
    public var scoreGap: Double = 0
    public var explanation: String = ""
    public init() {}
}

/// `nhs.league.v1.Ranking`: one trust in one quarter's table.
public struct Ranking: Sendable, Hashable, Encodable {
    public var quarter: String = ""
    public var period: String = ""
    public var periodStart: String = ""
    public var periodEnd: String = ""
    public var published: String = ""
    public var table: LeagueTableKind = .unspecified
    public var tableSize: UInt32 = 0
    public var segment: UInt32? = nil
    public var segmentMeaning: String = ""
    public var leaguePosition: UInt32? = nil
    public var jointPosition: Bool = false
    public var averageMetricScore: Double? = nil
    public var unadjustedSegment: UInt32? = nil
    public var financialOverride: Bool? = nil
    public var recoverySupportProgramme: Bool? = nil
    public var financialDeficit: Bool? = nil
    public var domains: [DomainScore] = []
    public var source: String = ""
    public var movement: Movement? = nil
    public var gapToNextSegment: SegmentGap? = nil
    public var caveats: [String] = []
    public var trustNameAsPublished: String = ""
    public init() {}
}

/// `nhs.league.v1.HospitalSite`.
public struct HospitalSite: Sendable, Hashable, Encodable {
    public var siteCode: String = ""
    public var name: String = ""
    public var postcode: String = ""
    public var latitude: Double? = nil
    public var longitude: Double? = nil
    public var parentLinkMethod: String = ""
    public var kind: String = ""
    public var kindInferred: Bool = false
    public var mainOperatorOdsCode: String = ""
    public var alsoHereOdsCodes: [String] = []
    public init() {}
}

/// `nhs.league.v1.Trust`.
public struct Trust: Sendable, Hashable, Encodable {
    public var odsCode: String = ""
    public var name: String = ""
    public var table: LeagueTableKind = .unspecified
    public var region: String = ""
    public var trustType: String = ""
    public var trustSubtype: String = ""
    public var hqPostcode: String = ""
    public var hqLatitude: Double? = nil
    public var hqLongitude: Double? = nil
    public var openDate: String = ""
    public var closeDate: String = ""
    public var latest: Ranking? = nil
    public var latestNote: String = ""
    public var siteCount: UInt32 = 0
    public var formerCodes: [String] = []
    public var successorCode: String = ""
    public init() {}
}

/// `nhs.league.v1.TableCoverage`.
public struct TableCoverage: Sendable, Hashable, Encodable {
    public var quarter: String = ""
    public var table: LeagueTableKind = .unspecified
    public var tableSize: UInt32 = 0
    public var withPosition: UInt32 = 0
    public var withSegment: UInt32 = 0
    public var withScore: UInt32 = 0
    public var withDomainScores: UInt32 = 0
    public var published: String = ""
    public var period: String = ""
    public init() {}
}
