import CLeagueProto

// protobuf-c conversions of the metric messages (see Messages/Metrics.swift).

extension BetterWhen {
    init(protobufC value: Nhs__League__V1__BetterWhen) {
        self = BetterWhen(rawValue: Int32(truncatingIfNeeded: value.rawValue)) ?? .unspecified
    }

    var protobufC: Nhs__League__V1__BetterWhen {
        Nhs__League__V1__BetterWhen(rawValue: .init(truncatingIfNeeded: self.rawValue))
    }
}

extension QuartileStanding {
    init(protobufC value: Nhs__League__V1__QuartileStanding) {
        self = QuartileStanding(rawValue: Int32(truncatingIfNeeded: value.rawValue)) ?? .unspecified
    }

    var protobufC: Nhs__League__V1__QuartileStanding {
        Nhs__League__V1__QuartileStanding(rawValue: .init(truncatingIfNeeded: self.rawValue))
    }
}

extension RankDerivation {
    init(protobufC value: Nhs__League__V1__RankDerivation) {
        self = RankDerivation(rawValue: Int32(truncatingIfNeeded: value.rawValue)) ?? .unspecified
    }

    var protobufC: Nhs__League__V1__RankDerivation {
        Nhs__League__V1__RankDerivation(rawValue: .init(truncatingIfNeeded: self.rawValue))
    }
}

extension MetricInfo: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__MetricInfo> {
        let m = arena.message(nhs__league__v1__metric_info__init)
        m.pointee.id = arena.string(self.id)
        m.pointee.framework = arena.string(self.framework)
        m.pointee.score_only = self.scoreOnly.protobufC
        m.pointee.name = arena.string(self.name)
        m.pointee.explanation = arena.string(self.explanation)
        m.pointee.units = arena.string(self.units)
        m.pointee.units_note = arena.string(self.unitsNote)
        m.pointee.better_when = self.betterWhen.protobufC
        m.pointee.direction_evidence = arena.string(self.directionEvidence)
        m.pointee.domain_key = arena.string(self.domainKey)
        m.pointee.domain_name = arena.string(self.domainName)
        m.pointee.description_as_published = arena.string(self.descriptionAsPublished)
        m.pointee.continues_metric_id = arena.string(self.continuesMetricId)
        m.pointee.n_tables = self.tables.count
        m.pointee.tables = arena.array(self.tables.map(\.protobufC))
        m.pointee.n_quarters = self.quarters.count
        m.pointee.quarters = arena.strings(self.quarters)
        m.pointee.source = arena.string(self.source)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__MetricInfo>) {
        let c = cMessage.pointee
        self.init()
        self.id = String(protobufC: c.id)
        self.framework = String(protobufC: c.framework)
        self.scoreOnly = Bool(protobufC: c.score_only)
        self.name = String(protobufC: c.name)
        self.explanation = String(protobufC: c.explanation)
        self.units = String(protobufC: c.units)
        self.unitsNote = String(protobufC: c.units_note)
        self.betterWhen = BetterWhen(protobufC: c.better_when)
        self.directionEvidence = String(protobufC: c.direction_evidence)
        self.domainKey = String(protobufC: c.domain_key)
        self.domainName = String(protobufC: c.domain_name)
        self.descriptionAsPublished = String(protobufC: c.description_as_published)
        self.continuesMetricId = String(protobufC: c.continues_metric_id)
        if let values = c.tables, c.n_tables > 0 { self.tables = UnsafeBufferPointer(start: values, count: c.n_tables).map(LeagueTableKind.init(protobufC:)) }
        self.quarters = decodeStrings(c.quarters, count: c.n_quarters)
        self.source = String(protobufC: c.source)
    }
}

extension MetricMovement: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__MetricMovement> {
        let m = arena.message(nhs__league__v1__metric_movement__init)
        m.pointee.previous_quarter = arena.string(self.previousQuarter)
        m.pointee.previous_metric_id = arena.string(self.previousMetricId)
        if let v = self.previousValue {
            m.pointee.previous_value_present_case = NHS__LEAGUE__V1__METRIC_MOVEMENT__PREVIOUS_VALUE_PRESENT_PREVIOUS_VALUE
            m.pointee.previous_value = v
        }
        if let v = self.previousRank {
            m.pointee.previous_rank_present_case = NHS__LEAGUE__V1__METRIC_MOVEMENT__PREVIOUS_RANK_PRESENT_PREVIOUS_RANK
            m.pointee.previous_rank = v
        }
        if let v = self.previousRankedCount {
            m.pointee.previous_ranked_count_present_case = NHS__LEAGUE__V1__METRIC_MOVEMENT__PREVIOUS_RANKED_COUNT_PRESENT_PREVIOUS_RANKED_COUNT
            m.pointee.previous_ranked_count = v
        }
        if let v = self.delta {
            m.pointee.delta_present_case = NHS__LEAGUE__V1__METRIC_MOVEMENT__DELTA_PRESENT_DELTA
            m.pointee.delta = v
        }
        if let v = self.improved {
            m.pointee.improved_present_case = NHS__LEAGUE__V1__METRIC_MOVEMENT__IMPROVED_PRESENT_IMPROVED
            m.pointee.improved = v.protobufC
        }
        m.pointee.summary = arena.string(self.summary)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__MetricMovement>) {
        let c = cMessage.pointee
        self.init()
        self.previousQuarter = String(protobufC: c.previous_quarter)
        self.previousMetricId = String(protobufC: c.previous_metric_id)
        self.previousValue = c.previous_value_present_case == NHS__LEAGUE__V1__METRIC_MOVEMENT__PREVIOUS_VALUE_PRESENT_PREVIOUS_VALUE ? c.previous_value : nil
        self.previousRank = c.previous_rank_present_case == NHS__LEAGUE__V1__METRIC_MOVEMENT__PREVIOUS_RANK_PRESENT_PREVIOUS_RANK ? c.previous_rank : nil
        self.previousRankedCount = c.previous_ranked_count_present_case == NHS__LEAGUE__V1__METRIC_MOVEMENT__PREVIOUS_RANKED_COUNT_PRESENT_PREVIOUS_RANKED_COUNT ? c.previous_ranked_count : nil
        self.delta = c.delta_present_case == NHS__LEAGUE__V1__METRIC_MOVEMENT__DELTA_PRESENT_DELTA ? c.delta : nil
        self.improved = c.improved_present_case == NHS__LEAGUE__V1__METRIC_MOVEMENT__IMPROVED_PRESENT_IMPROVED ? Bool(protobufC: c.improved) : nil
        self.summary = String(protobufC: c.summary)
    }
}

extension MetricResult: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__MetricResult> {
        let m = arena.message(nhs__league__v1__metric_result__init)
        m.pointee.metric = self.metric?.cMessage(in: arena)
        m.pointee.quarter = arena.string(self.quarter)
        m.pointee.value_text = arena.string(self.valueText)
        if let v = self.value {
            m.pointee.value_present_case = NHS__LEAGUE__V1__METRIC_RESULT__VALUE_PRESENT_VALUE
            m.pointee.value = v
        }
        m.pointee.units = arena.string(self.units)
        if let v = self.rank {
            m.pointee.rank_present_case = NHS__LEAGUE__V1__METRIC_RESULT__RANK_PRESENT_RANK
            m.pointee.rank = v
        }
        if let v = self.rankedCount {
            m.pointee.ranked_count_present_case = NHS__LEAGUE__V1__METRIC_RESULT__RANKED_COUNT_PRESENT_RANKED_COUNT
            m.pointee.ranked_count = v
        }
        m.pointee.rank_text = arena.string(self.rankText)
        m.pointee.rank_derivation = self.rankDerivation.protobufC
        if let v = self.median {
            m.pointee.median_present_case = NHS__LEAGUE__V1__METRIC_RESULT__MEDIAN_PRESENT_MEDIAN
            m.pointee.median = v
        }
        if let v = self.lowerQuartile {
            m.pointee.lower_quartile_present_case = NHS__LEAGUE__V1__METRIC_RESULT__LOWER_QUARTILE_PRESENT_LOWER_QUARTILE
            m.pointee.lower_quartile = v
        }
        if let v = self.upperQuartile {
            m.pointee.upper_quartile_present_case = NHS__LEAGUE__V1__METRIC_RESULT__UPPER_QUARTILE_PRESENT_UPPER_QUARTILE
            m.pointee.upper_quartile = v
        }
        m.pointee.standing = self.standing.protobufC
        m.pointee.standing_text = arena.string(self.standingText)
        if let v = self.metricScore {
            m.pointee.metric_score_present_case = NHS__LEAGUE__V1__METRIC_RESULT__METRIC_SCORE_PRESENT_METRIC_SCORE
            m.pointee.metric_score = v
        }
        m.pointee.movement = self.movement?.cMessage(in: arena)
        m.pointee.reporting_period = arena.string(self.reportingPeriod)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__MetricResult>) {
        let c = cMessage.pointee
        self.init()
        self.metric = c.metric.map { MetricInfo(cMessage: $0) }
        self.quarter = String(protobufC: c.quarter)
        self.valueText = String(protobufC: c.value_text)
        self.value = c.value_present_case == NHS__LEAGUE__V1__METRIC_RESULT__VALUE_PRESENT_VALUE ? c.value : nil
        self.units = String(protobufC: c.units)
        self.rank = c.rank_present_case == NHS__LEAGUE__V1__METRIC_RESULT__RANK_PRESENT_RANK ? c.rank : nil
        self.rankedCount = c.ranked_count_present_case == NHS__LEAGUE__V1__METRIC_RESULT__RANKED_COUNT_PRESENT_RANKED_COUNT ? c.ranked_count : nil
        self.rankText = String(protobufC: c.rank_text)
        self.rankDerivation = RankDerivation(protobufC: c.rank_derivation)
        self.median = c.median_present_case == NHS__LEAGUE__V1__METRIC_RESULT__MEDIAN_PRESENT_MEDIAN ? c.median : nil
        self.lowerQuartile = c.lower_quartile_present_case == NHS__LEAGUE__V1__METRIC_RESULT__LOWER_QUARTILE_PRESENT_LOWER_QUARTILE ? c.lower_quartile : nil
        self.upperQuartile = c.upper_quartile_present_case == NHS__LEAGUE__V1__METRIC_RESULT__UPPER_QUARTILE_PRESENT_UPPER_QUARTILE ? c.upper_quartile : nil
        self.standing = QuartileStanding(protobufC: c.standing)
        self.standingText = String(protobufC: c.standing_text)
        self.metricScore = c.metric_score_present_case == NHS__LEAGUE__V1__METRIC_RESULT__METRIC_SCORE_PRESENT_METRIC_SCORE ? c.metric_score : nil
        self.movement = c.movement.map { MetricMovement(cMessage: $0) }
        self.reportingPeriod = String(protobufC: c.reporting_period)
    }
}

extension MetricDomain: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__MetricDomain> {
        let m = arena.message(nhs__league__v1__metric_domain__init)
        m.pointee.key = arena.string(self.key)
        m.pointee.name = arena.string(self.name)
        m.pointee.n_metrics = self.metrics.count
        m.pointee.metrics = arena.messages(self.metrics)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__MetricDomain>) {
        let c = cMessage.pointee
        self.init()
        self.key = String(protobufC: c.key)
        self.name = String(protobufC: c.name)
        self.metrics = decodeMessages(c.metrics, count: c.n_metrics)
    }
}

extension MetricStrengths: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__MetricStrengths> {
        let m = arena.message(nhs__league__v1__metric_strengths__init)
        m.pointee.quarter = arena.string(self.quarter)
        m.pointee.n_strongest = self.strongest.count
        m.pointee.strongest = arena.messages(self.strongest)
        m.pointee.n_weakest = self.weakest.count
        m.pointee.weakest = arena.messages(self.weakest)
        m.pointee.source_line = arena.string(self.sourceLine)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__MetricStrengths>) {
        let c = cMessage.pointee
        self.init()
        self.quarter = String(protobufC: c.quarter)
        self.strongest = decodeMessages(c.strongest, count: c.n_strongest)
        self.weakest = decodeMessages(c.weakest, count: c.n_weakest)
        self.sourceLine = String(protobufC: c.source_line)
    }
}

extension TrustMetricsRequest: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__TrustMetricsRequest> {
        let m = arena.message(nhs__league__v1__trust_metrics_request__init)
        m.pointee.ods_code = arena.string(self.odsCode)
        m.pointee.quarter = arena.string(self.quarter)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__TrustMetricsRequest>) {
        let c = cMessage.pointee
        self.init()
        self.odsCode = String(protobufC: c.ods_code)
        self.quarter = String(protobufC: c.quarter)
    }
}

extension TrustMetricsResult: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__TrustMetricsResult> {
        let m = arena.message(nhs__league__v1__trust_metrics_result__init)
        m.pointee.trust = self.trust.cMessage(in: arena)
        m.pointee.quarter = arena.string(self.quarter)
        m.pointee.table = self.table.protobufC
        m.pointee.quarter_defaulted = self.quarterDefaulted.protobufC
        m.pointee.note = arena.string(self.note)
        m.pointee.n_domains = self.domains.count
        m.pointee.domains = arena.messages(self.domains)
        m.pointee.n_available_quarters = self.availableQuarters.count
        m.pointee.available_quarters = arena.strings(self.availableQuarters)
        m.pointee.source_line = arena.string(self.sourceLine)
        m.pointee.n_provenance = self.provenance.count
        m.pointee.provenance = arena.strings(self.provenance)
        m.pointee.n_caveats = self.caveats.count
        m.pointee.caveats = arena.strings(self.caveats)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__TrustMetricsResult>) {
        let c = cMessage.pointee
        self.init()
        self.trust = decodeMessage(c.trust, default: Trust())
        self.quarter = String(protobufC: c.quarter)
        self.table = LeagueTableKind(protobufC: c.table)
        self.quarterDefaulted = Bool(protobufC: c.quarter_defaulted)
        self.note = String(protobufC: c.note)
        self.domains = decodeMessages(c.domains, count: c.n_domains)
        self.availableQuarters = decodeStrings(c.available_quarters, count: c.n_available_quarters)
        self.sourceLine = String(protobufC: c.source_line)
        self.provenance = decodeStrings(c.provenance, count: c.n_provenance)
        self.caveats = decodeStrings(c.caveats, count: c.n_caveats)
    }
}

extension MetricTableRequest: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__MetricTableRequest> {
        let m = arena.message(nhs__league__v1__metric_table_request__init)
        m.pointee.metric = arena.string(self.metric)
        m.pointee.quarter = arena.string(self.quarter)
        m.pointee.table = self.table.protobufC
        m.pointee.region = arena.string(self.region)
        m.pointee.worst_first = self.worstFirst.protobufC
        m.pointee.offset = self.offset
        m.pointee.limit = self.limit
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__MetricTableRequest>) {
        let c = cMessage.pointee
        self.init()
        self.metric = String(protobufC: c.metric)
        self.quarter = String(protobufC: c.quarter)
        self.table = LeagueTableKind(protobufC: c.table)
        self.region = String(protobufC: c.region)
        self.worstFirst = Bool(protobufC: c.worst_first)
        self.offset = c.offset
        self.limit = c.limit
    }
}

extension MetricLeagueRow: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__MetricLeagueRow> {
        let m = arena.message(nhs__league__v1__metric_league_row__init)
        m.pointee.ods_code = arena.string(self.odsCode)
        m.pointee.trust_name = arena.string(self.trustName)
        m.pointee.region = arena.string(self.region)
        m.pointee.result = self.result.cMessage(in: arena)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__MetricLeagueRow>) {
        let c = cMessage.pointee
        self.init()
        self.odsCode = String(protobufC: c.ods_code)
        self.trustName = String(protobufC: c.trust_name)
        self.region = String(protobufC: c.region)
        self.result = decodeMessage(c.result, default: MetricResult())
    }
}

extension MetricRankCounts: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__MetricRankCounts> {
        let m = arena.message(nhs__league__v1__metric_rank_counts__init)
        m.pointee.table_size = self.tableSize
        m.pointee.with_row = self.withRow
        m.pointee.ranked = self.ranked
        m.pointee.unique = self.unique
        m.pointee.ties_shared = self.tiesShared
        m.pointee.ties_split = self.tiesSplit
        m.pointee.unranked = self.unranked
        m.pointee.n_blank_codes = self.blankCodes.count
        m.pointee.blank_codes = arena.strings(self.blankCodes)
        m.pointee.summary = arena.string(self.summary)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__MetricRankCounts>) {
        let c = cMessage.pointee
        self.init()
        self.tableSize = c.table_size
        self.withRow = c.with_row
        self.ranked = c.ranked
        self.unique = c.unique
        self.tiesShared = c.ties_shared
        self.tiesSplit = c.ties_split
        self.unranked = c.unranked
        self.blankCodes = decodeStrings(c.blank_codes, count: c.n_blank_codes)
        self.summary = String(protobufC: c.summary)
    }
}

extension MetricTableResult: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__MetricTableResult> {
        let m = arena.message(nhs__league__v1__metric_table_result__init)
        m.pointee.metric = self.metric.cMessage(in: arena)
        m.pointee.quarter = arena.string(self.quarter)
        m.pointee.table = self.table.protobufC
        m.pointee.total_matching = self.totalMatching
        m.pointee.n_rows = self.rows.count
        m.pointee.rows = arena.messages(self.rows)
        if let v = self.median {
            m.pointee.median_present_case = NHS__LEAGUE__V1__METRIC_TABLE_RESULT__MEDIAN_PRESENT_MEDIAN
            m.pointee.median = v
        }
        if let v = self.lowerQuartile {
            m.pointee.lower_quartile_present_case = NHS__LEAGUE__V1__METRIC_TABLE_RESULT__LOWER_QUARTILE_PRESENT_LOWER_QUARTILE
            m.pointee.lower_quartile = v
        }
        if let v = self.upperQuartile {
            m.pointee.upper_quartile_present_case = NHS__LEAGUE__V1__METRIC_TABLE_RESULT__UPPER_QUARTILE_PRESENT_UPPER_QUARTILE
            m.pointee.upper_quartile = v
        }
        m.pointee.ranks = self.ranks.cMessage(in: arena)
        m.pointee.n_other_matches = self.otherMatches.count
        m.pointee.other_matches = arena.strings(self.otherMatches)
        m.pointee.source_line = arena.string(self.sourceLine)
        m.pointee.n_provenance = self.provenance.count
        m.pointee.provenance = arena.strings(self.provenance)
        m.pointee.n_caveats = self.caveats.count
        m.pointee.caveats = arena.strings(self.caveats)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__MetricTableResult>) {
        let c = cMessage.pointee
        self.init()
        self.metric = decodeMessage(c.metric, default: MetricInfo())
        self.quarter = String(protobufC: c.quarter)
        self.table = LeagueTableKind(protobufC: c.table)
        self.totalMatching = c.total_matching
        self.rows = decodeMessages(c.rows, count: c.n_rows)
        self.median = c.median_present_case == NHS__LEAGUE__V1__METRIC_TABLE_RESULT__MEDIAN_PRESENT_MEDIAN ? c.median : nil
        self.lowerQuartile = c.lower_quartile_present_case == NHS__LEAGUE__V1__METRIC_TABLE_RESULT__LOWER_QUARTILE_PRESENT_LOWER_QUARTILE ? c.lower_quartile : nil
        self.upperQuartile = c.upper_quartile_present_case == NHS__LEAGUE__V1__METRIC_TABLE_RESULT__UPPER_QUARTILE_PRESENT_UPPER_QUARTILE ? c.upper_quartile : nil
        self.ranks = decodeMessage(c.ranks, default: MetricRankCounts())
        self.otherMatches = decodeStrings(c.other_matches, count: c.n_other_matches)
        self.sourceLine = String(protobufC: c.source_line)
        self.provenance = decodeStrings(c.provenance, count: c.n_provenance)
        self.caveats = decodeStrings(c.caveats, count: c.n_caveats)
    }
}

extension ListMetricsRequest: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__ListMetricsRequest> {
        let m = arena.message(nhs__league__v1__list_metrics_request__init)
        m.pointee.table = self.table.protobufC
        m.pointee.quarter = arena.string(self.quarter)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__ListMetricsRequest>) {
        let c = cMessage.pointee
        self.init()
        self.table = LeagueTableKind(protobufC: c.table)
        self.quarter = String(protobufC: c.quarter)
    }
}

extension ListMetricsResult: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__ListMetricsResult> {
        let m = arena.message(nhs__league__v1__list_metrics_result__init)
        m.pointee.n_metrics = self.metrics.count
        m.pointee.metrics = arena.messages(self.metrics)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__ListMetricsResult>) {
        let c = cMessage.pointee
        self.init()
        self.metrics = decodeMessages(c.metrics, count: c.n_metrics)
    }
}
