/// One published quarter (a row of `quarters.csv`).
public struct QuarterInfo: Sendable, Hashable {
    /// The quarter.
    public var quarter: Quarter
    /// First day of the period covered.
    public var periodStart: CalendarDate
    /// Last day of the period covered.
    public var periodEnd: CalendarDate
    /// Period in words, e.g. "April to June 2025".
    public var periodText: String
    /// Date NHS England published the tables, only where a source states it; nil otherwise.
    public var published: CalendarDate?
    /// Which domain set the quarter uses ("2025/26" or "2026/27").
    public var domainSet: String
    /// What is missing or special about this quarter's data (nil if nothing).
    public var note: String?
    /// Provenance of the quarter's rows and of the publication date.
    public var source: String

    public var label: String { quarter.label }
}

/// A NOF domain in a given domain set (a row of `domains.csv`).
public struct DomainDefinition: Sendable, Hashable {
    /// "2025/26" (five domains) or "2026/27" (six domains).
    public var domainSet: String
    /// Stable key, e.g. `access`, `people_workforce`.
    public var key: String
    /// 1-based display order within the domain set.
    public var displayOrder: Int
    /// Plain-English name, e.g. "Access to services".
    public var name: String
    /// One modest sentence on what the domain measures.
    public var description: String
    /// NHS England metric id of the domain score (e.g. OF4000), if known.
    public var scoreMetricID: String?
    /// NHS England metric id of the domain segment (e.g. OF4100), if known.
    public var segmentMetricID: String?
    /// Provenance.
    public var source: String
}

/// An NHS trust (a row of `trusts.csv`): every trust in the ODS etr list, plus ranked or
/// succession codes missing from it (`inODSList == false`).
public struct TrustRecord: Sendable, Hashable {
    /// ODS code, upper case (e.g. `RP6`).
    public var odsCode: String
    /// Name as in ODS (upper case) or, for trusts not in ODS, as published.
    public var name: String
    /// Nicer display name (NHS spelling from a league row, or a mechanical title case of `name`).
    public var displayName: String
    /// How `displayName` was obtained (see the data README).
    public var displayNameMethod: String
    /// ODS open date.
    public var openDate: CalendarDate?
    /// ODS close date; nil while open or unknown.
    public var closeDate: CalendarDate?
    /// ODS open flag; nil when the trust is not in the ODS list.
    public var isOpen: Bool?
    /// Whether the trust is in the ODS etr list.
    public var inODSList: Bool
    /// Headquarters postcode.
    public var hqPostcode: String?
    /// Headquarters latitude (WGS84).
    public var hqLatitude: Double?
    /// Headquarters longitude (WGS84).
    public var hqLongitude: Double?
    /// NHS England region (from the trust's latest ranking).
    public var nhsRegion: String?
    /// League table the trust is ranked in; nil if never ranked.
    public var nofTable: TableKind?
    /// NOF trust type, e.g. "Acute trust".
    public var nofTrustType: String?
    /// NOF trust subtype, e.g. "Acute - Teaching".
    public var nofTrustSubtype: String?
    /// Provenance.
    public var source: String
    /// Remarks (e.g. what is unknown).
    public var note: String?
}

/// A domain score and/or domain segment for one trust in one quarter.
public struct DomainResult: Sendable, Hashable {
    /// Quarter.
    public var quarter: Quarter
    /// ODS code of the trust.
    public var odsCode: String
    /// Domain key (see `DomainDefinition.key`).
    public var domainKey: String
    /// Domain score, 1.0 (best) ... 4.0 (worst); nil where not published.
    public var score: Double?
    /// Domain segment 1...4; nil where not published or not transcribed.
    public var segment: Int?
    /// Provenance.
    public var source: String
}

/// One trust in one quarter's league table (a row of `rankings.csv`), with its domain results.
public struct RankingRecord: Sendable, Hashable {
    public var quarter: Quarter
    public var table: TableKind
    /// Number of trusts in this table in this quarter (counted from the published rows).
    public var tableSize: Int
    public var odsCode: String
    /// Trust name exactly as in the league source (acute names are upper case).
    public var trustNameAsPublished: String
    public var nhsRegion: String?
    public var nofTrustType: String?
    public var nofTrustSubtype: String?
    /// Adjusted segment 1...4 as published (5 = Recovery Support Programme, if ever published as such).
    public var segment: Int?
    /// League position within the table (1 = best); ties share the lowest position.
    public var leaguePosition: Int?
    /// True when another trust in the same quarter and table has the same position (derived).
    public var isJointPosition: Bool?
    /// Average metric score, 1.0 (best) ... 4.0 (worst).
    public var averageMetricScore: Double?
    /// Segment before adjustments, where published and transcribed.
    public var unadjustedSegment: Int?
    /// Whether the financial override applied, where published.
    public var financialOverride: Bool?
    /// Final segment score override (Q1-Q2 2025/26 non-acute/ambulance only).
    public var finalSegmentScoreOverride: Int?
    /// Recovery Support Programme flag (Q1-Q2 2025/26 only).
    public var recoverySupportProgramme: Bool?
    /// "Trust in financial deficit" from the league-table file (acute Q3, non-acute Q4 2025/26 only).
    public var financialDeficit: Bool?
    /// Likely range of the average score, as published text (non-acute Q4 2025/26 only), e.g. "1.2 to 1.89".
    public var likelyRangeOfAverageScore: String?
    /// Likely range of the league position, as published text, e.g. "1 to 11".
    public var likelyRangeOfLeaguePosition: String?
    /// Provenance.
    public var source: String
    /// Domain results for this trust and quarter, in display order; empty when none published.
    public var domains: [DomainResult]
}

/// A trust site: a hospital, inpatient unit, clinic or office (a row of `sites.csv`; columns in
/// `Sources/LeagueData/Data/README.md`, "sites.csv").
public struct SiteRecord: Sendable, Hashable {
    public var siteCode: String
    /// The name as people write it ("St Mary's Hospital (HQ)").
    public var name: String
    /// Other names the sources give the same site (ERIC, the 2026 hospital list).
    public var otherNames: [String]
    /// Today's operating trust (the 2026 parent, else the 2023/2022 parent through the successor chain).
    public var currentParentODSCode: String?
    /// How `currentParentODSCode` was established (`ods_2026_parent`, `ets_parent`, `eric_parent`,
    /// `parent_via_ods_successor`, `parent_via_derived_successor`).
    public var parentLinkMethod: String
    public var postcode: String?
    /// Post town as ODS writes it, title-cased.
    public var town: String?
    /// Place words for search: the town and the postcode district's local names.
    public var placeNames: [String]
    public var latitude: Double?
    public var longitude: Double?
    public var kind: SiteKind
    /// True when `kind` comes from the name, not from ERIC.
    public var kindInferred: Bool
    /// ERIC 2021/22 site type, where ERIC lists the site.
    public var ericSiteType: String?
    public var isOpen: Bool
    public var openDate: CalendarDate?
    public var closeDate: CalendarDate?
    /// Open ODS site codes at this postcode per current trust, most first (`RRK 15; RTH 1`).
    public var openCodesAtPostcode: [(trust: String, count: Int)]
    /// Where each field comes from (`name:ets; trust:ord2026+succ; ...`).
    public var source: String

    /// True when the operating trust was reached through successor records or a derived list rather
    /// than read directly from ODS (2026 parent map, ets) or ERIC.
    public var isParentDerived: Bool { !["ods_2026_parent", "ets_parent", "eric_parent"].contains(parentLinkMethod) }

    public init(
        siteCode: String, name: String, otherNames: [String] = [], currentParentODSCode: String?,
        parentLinkMethod: String, postcode: String?, town: String? = nil, placeNames: [String] = [],
        latitude: Double?, longitude: Double?, kind: SiteKind, kindInferred: Bool, ericSiteType: String? = nil,
        isOpen: Bool = true, openDate: CalendarDate? = nil, closeDate: CalendarDate? = nil,
        openCodesAtPostcode: [(trust: String, count: Int)] = [], source: String
    ) {
        self.siteCode = siteCode
        self.name = name
        self.otherNames = otherNames
        self.currentParentODSCode = currentParentODSCode
        self.parentLinkMethod = parentLinkMethod
        self.postcode = postcode
        self.town = town
        self.placeNames = placeNames
        self.latitude = latitude
        self.longitude = longitude
        self.kind = kind
        self.kindInferred = kindInferred
        self.ericSiteType = ericSiteType
        self.isOpen = isOpen
        self.openDate = openDate
        self.closeDate = closeDate
        self.openCodesAtPostcode = openCodesAtPostcode
        self.source = source
    }

    /// ERIC 2021/22 covers the financial year to March 2022.
    public static let ericYearEnd = CalendarDate(iso: "2022-04-01")!

    /// An open site with beds: ERIC lists it as inpatient, or it is named as a hospital or unit and
    /// opened after ERIC's year. A hospital-named site ERIC does not list though it existed then is
    /// another trust's service code inside a hospital, or a private hospital used. Whether its trust
    /// runs it as such also needs its operator on record: `Dataset.isRunAsInpatientSite`.
    public var isConfirmedInpatient: Bool {
        guard isOpen, kind.isInpatient else { return false }
        return !kindInferred || (openDate.map { $0 >= SiteRecord.ericYearEnd } ?? false)
    }

    /// The order a place's sites are named in: hospitals, then other inpatient sites, then clinics
    /// and offices; those ERIC lists before those known by name only; then by name. A trust's
    /// main hospitals are listed in it, and of its sites at one spot nearest names the first.
    var placeOrder: (kind: Int, inferred: Int, name: String) {
        (kind.isHospital ? 0 : kind.isInpatient ? 1 : 2, kindInferred ? 1 : 0, name)
    }

    public static func == (a: SiteRecord, b: SiteRecord) -> Bool {
        a.siteCode == b.siteCode && a.name == b.name && a.currentParentODSCode == b.currentParentODSCode
            && a.postcode == b.postcode && a.kind == b.kind && a.isOpen == b.isOpen && a.source == b.source
    }

    public func hash(into h: inout Hasher) { h.combine(siteCode) }
}

/// What a site is (from ERIC 2021/22 where it lists the site, else from the name).
public enum SiteKind: String, Sendable, Hashable, CaseIterable {
    case acuteHospital = "acute_hospital"
    case specialistHospital = "specialist_hospital"
    case communityHospital = "community_hospital"
    case mentalHealthUnit = "mental_health_unit"
    case otherInpatient = "other_inpatient"
    case clinicOrOffice = "clinic_or_office"

    /// A site with beds: every kind but clinics and offices.
    public var isInpatient: Bool { self != .clinicOrOffice }
    /// A hospital in the everyday sense (acute, specialist or community).
    public var isHospital: Bool { self == .acuteHospital || self == .specialistHospital || self == .communityHospital }

    /// As people say it ("acute hospital").
    public var label: String {
        switch self {
        case .acuteHospital: return "acute hospital"
        case .specialistHospital: return "specialist hospital"
        case .communityHospital: return "community hospital"
        case .mentalHealthUnit: return "mental health or learning disability inpatient unit"
        case .otherInpatient: return "other inpatient unit"
        case .clinicOrOffice: return "clinic or office"
        }
    }
}

/// A trust-level succession from the ODS successor file (a row of `successors.csv`).
public struct SuccessorRecord: Sendable, Hashable {
    public var oldCode: String
    public var oldName: String
    public var successorCode: String
    public var successorName: String
    /// ODS legal succession date; nil when not in ODS (inferred row).
    public var effectiveDate: CalendarDate?
    /// `ods_succ` or `inferred_not_in_ods_succ`.
    public var evidence: String
    public var source: String
    public var note: String?
}

/// A postcode sector or district centroid.
public struct PostcodeCentroid: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case sector, district }
    public var kind: Kind
    /// Sector (`M13 9`) or outcode (`M13`), upper case.
    public var code: String
    /// WGS84; nil where the source has no coordinates.
    public var latitude: Double?
    public var longitude: Double?
    /// Sectors: England/Wales/Scotland. Districts: UK region or country (e.g. "North West", "Wales").
    public var region: String?
    /// Districts only: number of active postcodes.
    public var activePostcodes: Int?
    /// Districts only: post town.
    public var postTown: String?
}

/// A sourced improvement action (a row of `actions.csv`).
public struct ActionRecord: Sendable, Hashable {
    /// Trust ODS code; nil for programme-level rows.
    public var odsCode: String?
    public var trustNameInSource: String
    /// ISO date, possibly partial (`2025`, `2025-09`, `2025-09-09`); nil when undated.
    public var date: String?
    /// The action (a paraphrase of the source page).
    public var title: String
    public var category: String?
    /// Status, only where the source states one.
    public var status: String?
    public var sourceURL: String
    public var note: String?
    /// What kind of source the action comes from (nil for a dataset without the column).
    public var sourceType: ActionSourceType? = nil
}

/// A common name or abbreviation of a trust or hospital (a row of `aliases.csv`).
public struct AliasRecord: Sendable, Hashable {
    public var alias: String
    public var aliasType: String
    public var odsCode: String
    public var siteCode: String?
    /// True when the alias also means something else.
    public var isAmbiguous: Bool
    public var sourceURL: String
    public var sourceType: String
    public var note: String?
}

/// A league fact reported by news or trust pages (cross-check only; never served as the ranking).
public struct NewsReport: Sendable, Hashable {
    /// Quarter label as in the file (may be "unknown").
    public var quarterLabel: String
    public var quarter: Quarter?
    public var table: TableKind?
    public var tableSize: Int?
    public var odsCode: String
    public var trustNameAsReported: String
    public var leaguePosition: Int?
    public var jointPosition: String?
    public var segment: Int?
    public var averageMetricScore: Double?
    public var sourceURLs: String
    public var sourceDates: String
    public var note: String?
    /// Converter's comparison with the official row ("agrees", "differs: ...").
    public var comparisonWithOfficial: String
}
