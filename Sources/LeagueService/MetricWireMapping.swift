import LeagueCore
import LeagueWire

/// Core metric views -> wire messages.
enum MetricWireMapping {
    /// `brief` leaves out the provenance and published wording (for get_trust's highlights).
    static func info(_ d: MetricDefinition, brief: Bool = false, domains: Dataset) -> MetricInfo {
        var m = MetricInfo()
        m.id = d.id
        m.framework = d.framework
        m.scoreOnly = d.kind == .scoreOnly
        m.name = d.name
        m.explanation = d.explanation
        m.units = d.units
        m.unitsNote = d.unitsNote ?? ""
        m.betterWhen =
            switch d.direction {
            case .higherIsBetter?: .higher
            case .lowerIsBetter?: .lower
            case nil: .unspecified
            }
        m.domainKey = d.domainKey
        m.domainName =
            domains.domains.first { $0.domainSet == d.framework && $0.key == d.domainKey }?.name ?? d.domainAsPublished
        if brief { return m }
        m.directionEvidence = d.directionEvidence
        m.descriptionAsPublished = d.descriptionAsPublished
        m.continuesMetricId = d.continuesMetricID ?? ""
        m.tables = d.tables.map(WireMapping.table)
        m.quarters = d.quarters.map(\.label)
        m.source = d.source
        return m
    }

    static func result(_ r: MetricReading, withInfo: Bool, brief: Bool = false, domains: Dataset) -> MetricResult {
        var m = MetricResult()
        if withInfo { m.metric = info(r.definition, brief: brief, domains: domains) }
        let v = r.value
        m.quarter = v.quarter.label
        m.valueText = r.valueText
        m.value = v.value
        m.units = v.units ?? ""
        m.rank = v.rank.map(UInt32.init)
        m.rankedCount = v.rankedCount.map(UInt32.init)
        m.rankText = r.rankText ?? ""
        m.rankDerivation =
            switch v.rankCheck {
            case .unique?: .unique
            case .tieShared?: .tieShared
            case .tieSplit?: .tieSplit
            case nil: .unspecified
            }
        m.median = v.median
        m.lowerQuartile = v.lowerQuartile
        m.upperQuartile = v.upperQuartile
        m.standing =
            switch r.standing {
            case .betterThanThreeQuarters?: .betterThanThreeQuarters
            case .betterThanHalf?: .betterThanHalf
            case .atMedian?: .atMedian
            case .worseThanHalf?: .worseThanHalf
            case .worseThanThreeQuarters?: .worseThanThreeQuarters
            case nil: .unspecified
            }
        m.standingText = r.standing?.text ?? ""
        m.metricScore = v.metricScore
        if let c = r.change {
            var mv = MetricMovement()
            mv.previousQuarter = c.previousQuarter.label
            mv.previousMetricId = c.previousMetricID
            mv.previousValue = c.previousValue
            mv.previousRank = c.previousRank.map(UInt32.init)
            mv.previousRankedCount = c.previousRankedCount.map(UInt32.init)
            mv.delta = c.delta
            mv.improved = c.improved
            mv.summary = c.summary
            m.movement = mv
        }
        m.reportingPeriod = v.reportingDate ?? ""
        return m
    }
}
