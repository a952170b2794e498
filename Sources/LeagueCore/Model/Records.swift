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

/// A hospital site (a row of `sites.csv`).
public struct SiteRecord: Sendable, Hashable {
    public var siteCode: String
    public var name: String
    public var subtype: String?
    public var postcode: String?
    public var latitude: Double?
    public var longitude: Double?
    /// Parent code as listed in the NHS website file (2020/2023; may be stale).
    public var parentCodeInSource: String?
    public var parentNameInSource: String?
    /// Today's parent ODS code; nil where unknown. A site with nil is never attributed to a trust.
    public var currentParentODSCode: String?
    /// How the current parent was established (e.g. `parent_open_in_etr_2026`, `ods_trust_successor`).
    public var parentLinkMethod: String
    /// New site code where ODS re-coded the site.
    public var currentSiteCode: String?
    /// `2023` or `2020_only`.
    public var listedIn: String
    public var note: String?
    public var source: String

    /// True when the parent link was derived rather than read directly from a current list.
    public var isParentDerived: Bool {
        parentLinkMethod != "parent_open_in_etr_2026" && parentLinkMethod != "parent_not_in_etr_unchanged"
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
