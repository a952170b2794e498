/// Which part of the data a search entry (and so a match) comes from.
public enum SearchField: String, Sendable, Hashable, CaseIterable {
    /// The trust's ODS code (e.g. `RJ1`), or a hospital site code (e.g. `RGT01`, with `siteCode` set).
    case odsCode
    /// The trust's own name (display name or ODS name).
    case trustName
    /// A hospital, inpatient unit, clinic or office (`sites.csv`); leads to the site's main operator.
    case siteName
    /// A curated alias or abbreviation (`aliases.csv`), or the expansion of one.
    case alias
    /// The name of a closed trust whose successor this is (`successors.csv`).
    case formerName

    /// Tie-break order: a trust's own name is stronger evidence than one of its sites.
    var tieBreakRank: Int {
        switch self {
        case .odsCode: return 0
        case .trustName: return 1
        case .alias: return 2
        case .siteName: return 3
        case .formerName: return 4
        }
    }
}

/// How a query matched (best first).
public enum SearchMatchKind: String, Sendable, Hashable, CaseIterable {
    /// Every word of the query matched exactly, and the matched name has no other distinctive word.
    case exact
    /// An exact match on a curated alias or abbreviation (or its expansion).
    case alias
    /// Every matched word matched exactly, but the name has other distinctive words or
    /// some query words did not match.
    case token
    /// At least one word matched only as the beginning of a word (type-ahead), none by typo.
    case prefix
    /// At least one word matched only with typos (edit distance scaled to word length).
    case fuzzy

    var rank: Int {
        switch self {
        case .exact: return 0
        case .alias: return 1
        case .token: return 2
        case .prefix: return 3
        case .fuzzy: return 4
        }
    }
}

/// One searchable name, decoupled from the data model.
public struct SearchEntry: Sendable, Hashable {
    /// The name as shown to people.
    public var text: String
    /// The trust the name leads to.
    public var odsCode: String
    public var field: SearchField
    /// The hospital site, for site names and hospital aliases.
    public var siteCode: String?
    /// Where an alias comes from (source type and URL).
    public var source: String?
    /// For aliases that also mean something else (e.g. "MRI"): ranked a little lower.
    public var isAmbiguous: Bool
    /// Extra words that describe the entry without being part of its name (for a site:
    /// its trust's name). They help "princess royal hospital telford" pick the right
    /// Princess Royal Hospital, at half weight and never on their own.
    public var context: String?
    /// Place words (a site's town and its postcode district's local names): context at 0.9 weight.
    public var places: String?
    /// For a former name (or the code of a closed trust): the closed trust's ODS code.
    public var formerCode: String?
    /// Score multiplier in 0...1: below 1 for names that should give way to a hospital of the same
    /// name (clinics and offices, `SiteSearchWeight`).
    public var weight: Float
    /// Initials derived from a name (`NameInitialisms`): like a code, matched only when typed
    /// whole, never as the beginning of a word being typed or with a typo ("asp" is not
    /// "ASPH", "langt" not "LAGT").
    public var isInitialism: Bool

    public init(
        text: String, odsCode: String, field: SearchField, siteCode: String? = nil,
        source: String? = nil, isAmbiguous: Bool = false, context: String? = nil,
        places: String? = nil, formerCode: String? = nil, weight: Float = 1, isInitialism: Bool = false
    ) {
        self.places = places
        self.text = text
        self.odsCode = odsCode
        self.field = field
        self.siteCode = siteCode
        self.source = source
        self.isAmbiguous = isAmbiguous
        self.context = context
        self.formerCode = formerCode
        self.weight = weight
        self.isInitialism = isInitialism
    }
}

/// A trust that search results can name.
public struct SearchTrust: Sendable, Hashable {
    public var odsCode: String
    public var displayName: String
    /// nil when unknown.
    public var isOpen: Bool?
    /// Appears in at least one published league table.
    public var isRanked: Bool

    public init(odsCode: String, displayName: String, isOpen: Bool?, isRanked: Bool) {
        self.odsCode = odsCode
        self.displayName = displayName
        self.isOpen = isOpen
        self.isRanked = isRanked
    }
}

/// One candidate trust and the name that matched best.
public struct SearchMatch: Sendable, Hashable {
    public var odsCode: String
    /// The trust's display name.
    public var trustName: String
    public var kind: SearchMatchKind
    public var field: SearchField
    /// The name that matched (trust name, hospital name, alias or former name), as written in the data.
    public var matchedText: String
    /// The hospital that matched, for site-name and hospital-alias matches.
    public var siteCode: String?
    /// The source of the alias, for alias matches.
    public var aliasSource: String?
    /// For a match on a closed trust's name or code: that trust's ODS code (the match is its successor today).
    public var formerCode: String? = nil
    /// Relevance in 0...1 (higher is better); comparable within one query only.
    public var score: Double
}

/// The answer to one query.
public struct SearchOutcome: Sendable, Hashable {
    /// Best first, one per trust.
    public var matches: [SearchMatch]
    /// When nothing matched: corrected queries or close names to suggest ("did you mean").
    public var didYouMean: [String]
    /// The query as the index sees it (lower case, punctuation removed, synonyms applied).
    public var normalizedQuery: String

    /// Scores closer than this to the best one make a query ambiguous.
    public static let ambiguityMargin = 0.05

    /// True when the best match is not clearly ahead of the next one (within
    /// `ambiguityMargin`): "royal", "st marys", "st georges tooting". A client answering with
    /// one trust (`nhs-league rank`) should then also list the other candidates.
    public var isAmbiguous: Bool {
        matches.count > 1 && matches[1].score >= matches[0].score - SearchOutcome.ambiguityMargin
    }
}

/// A query the index refuses; map to INVALID_ARGUMENT.
public enum SearchError: Error, Sendable, Hashable, CustomStringConvertible {
    case emptyQuery
    case queryTooLong(length: Int, maximum: Int)
    case noSearchableText
    case limitOutOfRange(limit: Int, maximum: Int)

    public var description: String {
        switch self {
        case .emptyQuery:
            return
                "the search text is empty: type part of a trust or hospital name, an abbreviation or an ODS code (for example \"royal free\" or \"RAL\")"
        case .queryTooLong(let length, let maximum):
            return "the search text is \(length) characters long; at most \(maximum) are allowed"
        case .noSearchableText:
            return
                "the search text has no letters or digits: type part of a trust or hospital name, an abbreviation or an ODS code"
        case .limitOutOfRange(let limit, let maximum):
            return
                "limit \(limit) is out of range: use 1 to \(maximum), or 0 for the default of \(NameIndex.defaultLimit)"
        }
    }
}
