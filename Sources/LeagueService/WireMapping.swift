import LeagueCore
import LeagueWire

/// Core answers → wire messages. Pure value conversion; no I/O.
enum WireMapping {
    static func table(_ kind: TableKind) -> LeagueTableKind {
        switch kind {
        case .acute: .acute
        case .nonAcute: .nonAcute
        case .ambulance: .ambulance
        }
    }

    static func tableKind(_ kind: LeagueTableKind) -> TableKind? {
        switch kind {
        case .acute: .acute
        case .nonAcute: .nonAcute
        case .ambulance: .ambulance
        case .unspecified: nil
        }
    }

    static func trust(_ summary: TrustSummary) -> LeagueWire.Trust {
        let record = summary.trust
        var trust = LeagueWire.Trust()
        trust.odsCode = record.odsCode
        trust.name = record.displayName.isEmpty ? record.name : record.displayName
        trust.table = (record.nofTable ?? summary.latest?.record.table).map(table) ?? .unspecified
        trust.region = record.nhsRegion ?? summary.latest?.record.nhsRegion ?? ""
        trust.trustType = record.nofTrustType ?? ""
        trust.trustSubtype = record.nofTrustSubtype ?? ""
        trust.hqPostcode = record.hqPostcode ?? ""
        trust.hqLatitude = record.hqLatitude
        trust.hqLongitude = record.hqLongitude
        trust.openDate = record.openDate?.iso ?? ""
        trust.closeDate = record.closeDate?.iso ?? ""
        trust.latest = summary.latest.map(ranking)
        trust.latestNote = summary.latestNote ?? ""
        trust.siteCount = UInt32(summary.siteCount)
        trust.formerCodes = summary.formerCodes
        trust.successorCode = summary.successorCodes.joined(separator: ",")
        return trust
    }

    static func ranking(_ view: RankingView) -> LeagueWire.Ranking {
        let record = view.record
        var ranking = LeagueWire.Ranking()
        ranking.quarter = record.quarter.label
        ranking.period = view.quarter?.periodText ?? ""
        ranking.periodStart = (view.quarter?.periodStart ?? record.quarter.periodStart).iso
        ranking.periodEnd = (view.quarter?.periodEnd ?? record.quarter.periodEnd).iso
        ranking.published = view.quarter?.published?.iso ?? ""
        ranking.table = table(record.table)
        ranking.tableSize = UInt32(record.tableSize)
        ranking.segment = record.segment.map(UInt32.init)
        ranking.segmentMeaning = view.segmentMeaning ?? ""
        ranking.leaguePosition = record.leaguePosition.map(UInt32.init)
        ranking.jointPosition = record.isJointPosition ?? false
        ranking.averageMetricScore = record.averageMetricScore
        ranking.unadjustedSegment = record.unadjustedSegment.map(UInt32.init)
        ranking.financialOverride = record.financialOverride
        ranking.recoverySupportProgramme = record.recoverySupportProgramme
        ranking.financialDeficit = record.financialDeficit
        ranking.domains = view.domains.map(domain)
        ranking.source = record.source
        ranking.movement = view.movement.map(movement)
        ranking.gapToNextSegment = view.gapToNextSegment.map(gap)
        ranking.caveats = view.caveats
        ranking.trustNameAsPublished = record.trustNameAsPublished
        ranking.likelyPositionRange = record.likelyRangeOfLeaguePosition ?? ""
        return ranking
    }

    static func domain(_ view: DomainView) -> LeagueWire.DomainScore {
        var domain = LeagueWire.DomainScore()
        domain.key = view.key
        domain.name = view.name
        domain.description = view.definition?.description ?? ""
        domain.score = view.score
        domain.segment = view.segment.map(UInt32.init)
        domain.source = view.source
        return domain
    }

    static func movement(_ view: MovementView) -> LeagueWire.Movement {
        var movement = LeagueWire.Movement()
        movement.previousQuarter = view.previousQuarter.label
        movement.positionsUp = view.positionsUp.map(Int32.init)
        movement.segmentsUp = view.segmentsUp.map(Int32.init)
        movement.previousPosition = view.previousPosition.map(Int32.init)
        movement.previousSegment = view.previousSegment.map(UInt32.init)
        movement.previousScore = view.previousScore
        movement.summary = view.summary
        return movement
    }

    static func gap(_ view: SegmentGapView) -> LeagueWire.SegmentGap {
        var gap = LeagueWire.SegmentGap()
        gap.targetSegment = UInt32(view.targetSegment)
        gap.thresholdScore = view.thresholdScore
        gap.scoreGap = view.scoreGap
        gap.explanation = view.explanation
        return gap
    }

    static func site(_ record: SiteRecord, operators: SiteOperators?) -> LeagueWire.HospitalSite {
        var site = listedSite(record, operators: operators)
        site.alsoHereOdsCodes = operators?.alsoHere ?? []
        return site
    }

    /// A site in a trust's whole list (GetTrust `sites`): its main operator and whether the
    /// records show it runs the site, but not the other trusts there (those come with a site's
    /// own answers; a trust's list has dozens of sites, and GetTrust is the hot call).
    static func listedSite(_ record: SiteRecord, operators: SiteOperators?) -> LeagueWire.HospitalSite {
        var site = site(record)
        site.mainOperatorOdsCode = operators?.mainOperator ?? record.currentParentODSCode ?? ""
        site.mainOperatorConfirmed = operators?.mainOperatorConfirmed ?? false
        return site
    }

    private static func site(_ record: SiteRecord) -> LeagueWire.HospitalSite {
        var site = LeagueWire.HospitalSite()
        site.siteCode = record.siteCode
        site.name = record.name
        site.postcode = record.postcode ?? ""
        site.latitude = record.latitude
        site.longitude = record.longitude
        site.parentLinkMethod = record.parentLinkMethod
        site.kind = record.kind.rawValue
        site.kindInferred = record.kindInferred
        site.mainOperatorOdsCode = record.currentParentODSCode ?? ""
        return site
    }

    static func coverage(_ coverage: Coverage, quarter: QuarterInfo?) -> TableCoverage {
        var wire = TableCoverage()
        wire.quarter = coverage.quarter.label
        wire.table = table(coverage.table)
        wire.tableSize = UInt32(coverage.tableSize)
        wire.withPosition = UInt32(coverage.withPosition)
        wire.withSegment = UInt32(coverage.withSegment)
        wire.withScore = UInt32(coverage.withScore)
        wire.withDomainScores = UInt32(coverage.withDomainScores)
        wire.published = quarter?.published?.iso ?? ""
        wire.period = quarter?.periodText ?? ""
        return wire
    }

    static func action(_ view: ActionView) -> ImprovementAction {
        var action = ImprovementAction()
        action.date = view.date ?? ""
        action.title = view.title
        action.category = view.category ?? ""
        action.status = view.status ?? ""
        action.sourceURL = view.sourceURL ?? ""
        action.note = view.note ?? ""
        action.derived = view.derived
        action.sourceType = view.sourceType?.rawValue ?? ""
        action.sourceText = view.sourceText ?? ""
        return action
    }
}
