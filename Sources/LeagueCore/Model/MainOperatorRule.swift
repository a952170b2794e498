/// Whose hospital a site is.
///
/// Trusts hold site codes inside other trusts' hospitals (Manchester University's R0A84
/// "Blackpool Victoria Hospital"; Oxford's code at Birmingham Heartlands Hospital), so a site's
/// operating trust is not always the trust that runs the hospital. The rule, in order
/// (also in `Sources/LeagueData/Data/README.md`, "Main operator"):
///
/// 1. A site its own trust reported in ERIC 2021/22 as an inpatient site (any inpatient kind)
///    is that trust's: the estates return is the trust saying "this is our ward/hospital".
/// 2. Otherwise, for a site named as a hospital (acute, specialist or community kind, here
///    inferred from the name): the trusts that reported an inpatient *hospital* at the same
///    postcode in ERIC. The site's own trust if it is one of them; else the one with the most
///    open ODS site codes at that postcode (ties: the lower ODS code).
/// 3. Otherwise the site's own operating trust. (Not "the trust with the most codes at the
///    postcode": at Sutton Hospital the mental health trust holds more codes than Epsom and
///    St Helier, which runs the hospital; code counts say who has offices there, not whose it is.)
///
/// Every other trust with open codes at the postcode "also provides services here".
public enum MainOperatorRule {
    /// The main operator of `site` and the other trusts with open site codes at its postcode.
    /// - Parameter neighbours: the open sites at the same postcode (may include `site`).
    public static func operators(of site: SiteRecord, neighbours: [SiteRecord]) -> SiteOperators {
        operators(
            of: site, hospitalReporters: trusts(among: neighbours, where: reportsHospital),
            ericReporters: trusts(among: neighbours, where: reportsSite))
    }

    /// The trusts of the sites among `sites` that pass `reports` (`reportsHospital`: all that
    /// rule 2 reads of a site's neighbours; `reportsSite`: what confirms a rule 3 operator).
    static func trusts(among sites: [SiteRecord], where reports: (SiteRecord) -> Bool) -> Set<String> {
        var reporters = Set<String>()
        for n in sites where reports(n) { reporters.insert(n.currentParentODSCode!) }
        return reporters
    }

    /// Whether `site` is an open site its trust's ERIC return lists, of any kind.
    static func reportsSite(_ site: SiteRecord) -> Bool {
        site.isOpen && !site.kindInferred && site.currentParentODSCode != nil
    }

    /// Whether `site` is an open hospital its trust's ERIC return lists (a rule 2 reporter).
    static func reportsHospital(_ site: SiteRecord) -> Bool {
        reportsSite(site) && site.kind.isHospital
    }

    /// `operators(of:neighbours:)`, given the hospital reporters and the ERIC reporters of any
    /// site among the neighbours.
    static func operators(of site: SiteRecord, hospitalReporters: Set<String>, ericReporters: Set<String>)
        -> SiteOperators
    {
        let own = site.currentParentODSCode ?? ""
        let main = mainOperator(of: site, own: own, reporters: hospitalReporters)
        var also: [String] = []
        also.reserveCapacity(site.openCodesAtPostcode.count)
        for c in site.openCodesAtPostcode where c.trust != main { also.append(c.trust) }
        // A hospital-named site that ERIC does not list, with no ERIC hospital at its postcode
        // either: rule 3 gives it to its own trust, but nothing on record says that trust runs it
        // (Spire, Nuffield Health and BMI hospitals the trust sends patients to; community
        // hospitals other bodies run), unless its own trust's return, and no other's, lists a
        // site at the postcode (Kingsway Hospital, Derby: the return's "Kingsway Hospital
        // (Headquarters)"). Whatever its code's open date: independent hospitals got new codes in
        // April 2022 too (Spire Tunbridge Wells, the London HCA hospitals).
        let onlyOwnReturnHere = !own.isEmpty && ericReporters == [own]
        let confirmed = !(site.kind.isHospital && site.kindInferred && hospitalReporters.isEmpty && !onlyOwnReturnHere)
        return SiteOperators(mainOperator: main, alsoHere: also, rule: rule, mainOperatorConfirmed: confirmed)
    }

    /// Whether the rule looks at the site's neighbours at all (rule 2): only for a site named as
    /// a hospital that its own trust did not report as an inpatient site; every other site is
    /// its own trust's (rules 1 and 3).
    static func needsNeighbours(_ site: SiteRecord) -> Bool {
        // 1. reported by its own trust as an inpatient site
        if !site.kindInferred && site.kind.isInpatient { return false }
        return site.kind.isHospital && site.postcode != nil
    }

    static func mainOperator(of site: SiteRecord, own: String, reporters: Set<String>) -> String {
        guard needsNeighbours(site) else { return own }
        // 2. the trusts whose ERIC return lists an inpatient hospital here
        if reporters.contains(own) { return own }
        let codes = Dictionary(site.openCodesAtPostcode.map { ($0.trust, $0.count) }, uniquingKeysWith: max)
        if !reporters.isEmpty {
            return reporters.sorted { (codes[$0] ?? 0, $1) > (codes[$1] ?? 0, $0) }.first!
        }
        return own
    }

    static let rule =
        "main operator: the trust whose ERIC 2021/22 return lists the site (or, for a site named as a hospital, a hospital at its postcode) as inpatient; else its own operating trust"
}

/// Who runs a site.
public struct SiteOperators: Sendable, Hashable {
    /// The trust whose hospital this is (`MainOperatorRule`).
    public var mainOperator: String
    /// Other trusts with open site codes at the same postcode, most codes first.
    public var alsoHere: [String]
    /// The rule, in words.
    public var rule: String
    /// False when the main operator is only the trust holding the site's code (rule 3) for a
    /// site named as a hospital that no trust's ERIC return lists as a hospital, at the site or
    /// its postcode, and where no return but its own trust's lists a site at all (or none does):
    /// the trust provides services there, but whether it runs the hospital is not on record. Such a site is not listed among the hospitals a trust runs,
    /// and its headline says so.
    public var mainOperatorConfirmed: Bool
}
