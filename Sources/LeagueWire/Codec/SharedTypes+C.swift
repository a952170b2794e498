import CLeagueProto

// Conversions for the shared message types (`league.proto` "shared types").
// Swift optionals map to the one-member `<field>_present` oneofs: `nil` <=> the
// oneof's case is NOT_SET, so a present zero survives the round trip.

extension DomainScore: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__DomainScore> {
        let m = arena.message(nhs__league__v1__domain_score__init)
        m.pointee.key = arena.string(self.key)
        m.pointee.name = arena.string(self.name)
        m.pointee.description = arena.string(self.description)
        if let score = self.score {
            m.pointee.score_present_case = NHS__LEAGUE__V1__DOMAIN_SCORE__SCORE_PRESENT_SCORE
            m.pointee.score = score
        }
        if let segment = self.segment {
            m.pointee.segment_present_case = NHS__LEAGUE__V1__DOMAIN_SCORE__SEGMENT_PRESENT_SEGMENT
            m.pointee.segment = segment
        }
        m.pointee.source = arena.string(self.source)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__DomainScore>) {
        let c = cMessage.pointee
        self.init()
        self.key = String(protobufC: c.key)
        self.name = String(protobufC: c.name)
        self.description = String(protobufC: c.description)
        self.score = c.score_present_case == NHS__LEAGUE__V1__DOMAIN_SCORE__SCORE_PRESENT_SCORE ? c.score : nil
        self.segment =
            c.segment_present_case == NHS__LEAGUE__V1__DOMAIN_SCORE__SEGMENT_PRESENT_SEGMENT ? c.segment : nil
        self.source = String(protobufC: c.source)
    }
}

extension Movement: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__Movement> {
        let m = arena.message(nhs__league__v1__movement__init)
        m.pointee.previous_quarter = arena.string(self.previousQuarter)
        if let positionsUp = self.positionsUp {
            m.pointee.positions_up_present_case = NHS__LEAGUE__V1__MOVEMENT__POSITIONS_UP_PRESENT_POSITIONS_UP
            m.pointee.positions_up = positionsUp
        }
        if let segmentsUp = self.segmentsUp {
            m.pointee.segments_up_present_case = NHS__LEAGUE__V1__MOVEMENT__SEGMENTS_UP_PRESENT_SEGMENTS_UP
            m.pointee.segments_up = segmentsUp
        }
        if let previousPosition = self.previousPosition {
            m.pointee.previous_position_present_case =
                NHS__LEAGUE__V1__MOVEMENT__PREVIOUS_POSITION_PRESENT_PREVIOUS_POSITION
            m.pointee.previous_position = previousPosition
        }
        if let previousSegment = self.previousSegment {
            m.pointee.previous_segment_present_case =
                NHS__LEAGUE__V1__MOVEMENT__PREVIOUS_SEGMENT_PRESENT_PREVIOUS_SEGMENT
            m.pointee.previous_segment = previousSegment
        }
        if let previousScore = self.previousScore {
            m.pointee.previous_score_present_case = NHS__LEAGUE__V1__MOVEMENT__PREVIOUS_SCORE_PRESENT_PREVIOUS_SCORE
            m.pointee.previous_score = previousScore
        }
        m.pointee.summary = arena.string(self.summary)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__Movement>) {
        let c = cMessage.pointee
        self.init()
        self.previousQuarter = String(protobufC: c.previous_quarter)
        self.positionsUp =
            c.positions_up_present_case == NHS__LEAGUE__V1__MOVEMENT__POSITIONS_UP_PRESENT_POSITIONS_UP
            ? c.positions_up : nil
        self.segmentsUp =
            c.segments_up_present_case == NHS__LEAGUE__V1__MOVEMENT__SEGMENTS_UP_PRESENT_SEGMENTS_UP
            ? c.segments_up : nil
        self.previousPosition =
            c.previous_position_present_case == NHS__LEAGUE__V1__MOVEMENT__PREVIOUS_POSITION_PRESENT_PREVIOUS_POSITION
            ? c.previous_position : nil
        self.previousSegment =
            c.previous_segment_present_case == NHS__LEAGUE__V1__MOVEMENT__PREVIOUS_SEGMENT_PRESENT_PREVIOUS_SEGMENT
            ? c.previous_segment : nil
        self.previousScore =
            c.previous_score_present_case == NHS__LEAGUE__V1__MOVEMENT__PREVIOUS_SCORE_PRESENT_PREVIOUS_SCORE
            ? c.previous_score : nil
        self.summary = String(protobufC: c.summary)
    }
}

extension SegmentGap: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__SegmentGap> {
        let m = arena.message(nhs__league__v1__segment_gap__init)
        m.pointee.target_segment = self.targetSegment
        m.pointee.threshold_score = self.thresholdScore
        m.pointee.score_gap = self.scoreGap
        m.pointee.explanation = arena.string(self.explanation)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__SegmentGap>) {
        let c = cMessage.pointee
        self.init()
        self.targetSegment = c.target_segment
        self.thresholdScore = c.threshold_score
        self.scoreGap = c.score_gap
        self.explanation = String(protobufC: c.explanation)
    }
}

extension Ranking: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__Ranking> {
        let m = arena.message(nhs__league__v1__ranking__init)
        m.pointee.quarter = arena.string(self.quarter)
        m.pointee.period = arena.string(self.period)
        m.pointee.period_start = arena.string(self.periodStart)
        m.pointee.period_end = arena.string(self.periodEnd)
        m.pointee.published = arena.string(self.published)
        m.pointee.table = self.table.protobufC
        m.pointee.table_size = self.tableSize
        if let segment = self.segment {
            m.pointee.segment_present_case = NHS__LEAGUE__V1__RANKING__SEGMENT_PRESENT_SEGMENT
            m.pointee.segment = segment
        }
        m.pointee.segment_meaning = arena.string(self.segmentMeaning)
        if let leaguePosition = self.leaguePosition {
            m.pointee.league_position_present_case = NHS__LEAGUE__V1__RANKING__LEAGUE_POSITION_PRESENT_LEAGUE_POSITION
            m.pointee.league_position = leaguePosition
        }
        m.pointee.joint_position = self.jointPosition.protobufC
        if let averageMetricScore = self.averageMetricScore {
            m.pointee.average_metric_score_present_case =
                NHS__LEAGUE__V1__RANKING__AVERAGE_METRIC_SCORE_PRESENT_AVERAGE_METRIC_SCORE
            m.pointee.average_metric_score = averageMetricScore
        }
        if let unadjustedSegment = self.unadjustedSegment {
            m.pointee.unadjusted_segment_present_case =
                NHS__LEAGUE__V1__RANKING__UNADJUSTED_SEGMENT_PRESENT_UNADJUSTED_SEGMENT
            m.pointee.unadjusted_segment = unadjustedSegment
        }
        if let financialOverride = self.financialOverride {
            m.pointee.financial_override_present_case =
                NHS__LEAGUE__V1__RANKING__FINANCIAL_OVERRIDE_PRESENT_FINANCIAL_OVERRIDE
            m.pointee.financial_override = financialOverride.protobufC
        }
        if let recoverySupportProgramme = self.recoverySupportProgramme {
            m.pointee.recovery_support_programme_present_case =
                NHS__LEAGUE__V1__RANKING__RECOVERY_SUPPORT_PROGRAMME_PRESENT_RECOVERY_SUPPORT_PROGRAMME
            m.pointee.recovery_support_programme = recoverySupportProgramme.protobufC
        }
        if let financialDeficit = self.financialDeficit {
            m.pointee.financial_deficit_present_case =
                NHS__LEAGUE__V1__RANKING__FINANCIAL_DEFICIT_PRESENT_FINANCIAL_DEFICIT
            m.pointee.financial_deficit = financialDeficit.protobufC
        }
        m.pointee.n_domains = self.domains.count
        m.pointee.domains = arena.messages(self.domains)
        m.pointee.source = arena.string(self.source)
        m.pointee.movement = self.movement?.cMessage(in: arena)
        m.pointee.gap_to_next_segment = self.gapToNextSegment?.cMessage(in: arena)
        m.pointee.n_caveats = self.caveats.count
        m.pointee.caveats = arena.strings(self.caveats)
        m.pointee.trust_name_as_published = arena.string(self.trustNameAsPublished)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__Ranking>) {
        let c = cMessage.pointee
        self.init()
        self.quarter = String(protobufC: c.quarter)
        self.period = String(protobufC: c.period)
        self.periodStart = String(protobufC: c.period_start)
        self.periodEnd = String(protobufC: c.period_end)
        self.published = String(protobufC: c.published)
        self.table = LeagueTableKind(protobufC: c.table)
        self.tableSize = c.table_size
        self.segment = c.segment_present_case == NHS__LEAGUE__V1__RANKING__SEGMENT_PRESENT_SEGMENT ? c.segment : nil
        self.segmentMeaning = String(protobufC: c.segment_meaning)
        self.leaguePosition =
            c.league_position_present_case == NHS__LEAGUE__V1__RANKING__LEAGUE_POSITION_PRESENT_LEAGUE_POSITION
            ? c.league_position : nil
        self.jointPosition = Bool(protobufC: c.joint_position)
        self.averageMetricScore =
            c.average_metric_score_present_case
                == NHS__LEAGUE__V1__RANKING__AVERAGE_METRIC_SCORE_PRESENT_AVERAGE_METRIC_SCORE
            ? c.average_metric_score : nil
        self.unadjustedSegment =
            c.unadjusted_segment_present_case == NHS__LEAGUE__V1__RANKING__UNADJUSTED_SEGMENT_PRESENT_UNADJUSTED_SEGMENT
            ? c.unadjusted_segment : nil
        self.financialOverride =
            c.financial_override_present_case == NHS__LEAGUE__V1__RANKING__FINANCIAL_OVERRIDE_PRESENT_FINANCIAL_OVERRIDE
            ? Bool(protobufC: c.financial_override) : nil
        self.recoverySupportProgramme =
            c.recovery_support_programme_present_case
                == NHS__LEAGUE__V1__RANKING__RECOVERY_SUPPORT_PROGRAMME_PRESENT_RECOVERY_SUPPORT_PROGRAMME
            ? Bool(protobufC: c.recovery_support_programme) : nil
        self.financialDeficit =
            c.financial_deficit_present_case == NHS__LEAGUE__V1__RANKING__FINANCIAL_DEFICIT_PRESENT_FINANCIAL_DEFICIT
            ? Bool(protobufC: c.financial_deficit) : nil
        self.domains = decodeMessages(c.domains, count: c.n_domains)
        self.source = String(protobufC: c.source)
        self.movement = c.movement.map { Movement(cMessage: $0) }
        self.gapToNextSegment = c.gap_to_next_segment.map { SegmentGap(cMessage: $0) }
        self.caveats = decodeStrings(c.caveats, count: c.n_caveats)
        self.trustNameAsPublished = String(protobufC: c.trust_name_as_published)
    }
}

extension HospitalSite: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__HospitalSite> {
        let m = arena.message(nhs__league__v1__hospital_site__init)
        m.pointee.site_code = arena.string(self.siteCode)
        m.pointee.name = arena.string(self.name)
        m.pointee.postcode = arena.string(self.postcode)
        if let latitude = self.latitude {
            m.pointee.latitude_present_case = NHS__LEAGUE__V1__HOSPITAL_SITE__LATITUDE_PRESENT_LATITUDE
            m.pointee.latitude = latitude
        }
        if let longitude = self.longitude {
            m.pointee.longitude_present_case = NHS__LEAGUE__V1__HOSPITAL_SITE__LONGITUDE_PRESENT_LONGITUDE
            m.pointee.longitude = longitude
        }
        m.pointee.parent_link_method = arena.string(self.parentLinkMethod)
        encodeSiteFields(m, in: arena)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__HospitalSite>) {
        let c = cMessage.pointee
        self.init()
        self.siteCode = String(protobufC: c.site_code)
        self.name = String(protobufC: c.name)
        self.postcode = String(protobufC: c.postcode)
        self.latitude =
            c.latitude_present_case == NHS__LEAGUE__V1__HOSPITAL_SITE__LATITUDE_PRESENT_LATITUDE ? c.latitude : nil
        self.longitude =
            c.longitude_present_case == NHS__LEAGUE__V1__HOSPITAL_SITE__LONGITUDE_PRESENT_LONGITUDE ? c.longitude : nil
        self.parentLinkMethod = String(protobufC: c.parent_link_method)
        decodeSiteFields(c)
    }
}

extension Trust: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__Trust> {
        let m = arena.message(nhs__league__v1__trust__init)
        m.pointee.ods_code = arena.string(self.odsCode)
        m.pointee.name = arena.string(self.name)
        m.pointee.table = self.table.protobufC
        m.pointee.region = arena.string(self.region)
        m.pointee.trust_type = arena.string(self.trustType)
        m.pointee.trust_subtype = arena.string(self.trustSubtype)
        m.pointee.hq_postcode = arena.string(self.hqPostcode)
        if let hqLatitude = self.hqLatitude {
            m.pointee.hq_latitude_present_case = NHS__LEAGUE__V1__TRUST__HQ_LATITUDE_PRESENT_HQ_LATITUDE
            m.pointee.hq_latitude = hqLatitude
        }
        if let hqLongitude = self.hqLongitude {
            m.pointee.hq_longitude_present_case = NHS__LEAGUE__V1__TRUST__HQ_LONGITUDE_PRESENT_HQ_LONGITUDE
            m.pointee.hq_longitude = hqLongitude
        }
        m.pointee.open_date = arena.string(self.openDate)
        m.pointee.close_date = arena.string(self.closeDate)
        m.pointee.latest = self.latest?.cMessage(in: arena)
        m.pointee.latest_note = arena.string(self.latestNote)
        m.pointee.site_count = self.siteCount
        m.pointee.n_former_codes = self.formerCodes.count
        m.pointee.former_codes = arena.strings(self.formerCodes)
        m.pointee.successor_code = arena.string(self.successorCode)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__Trust>) {
        let c = cMessage.pointee
        self.init()
        self.odsCode = String(protobufC: c.ods_code)
        self.name = String(protobufC: c.name)
        self.table = LeagueTableKind(protobufC: c.table)
        self.region = String(protobufC: c.region)
        self.trustType = String(protobufC: c.trust_type)
        self.trustSubtype = String(protobufC: c.trust_subtype)
        self.hqPostcode = String(protobufC: c.hq_postcode)
        self.hqLatitude =
            c.hq_latitude_present_case == NHS__LEAGUE__V1__TRUST__HQ_LATITUDE_PRESENT_HQ_LATITUDE ? c.hq_latitude : nil
        self.hqLongitude =
            c.hq_longitude_present_case == NHS__LEAGUE__V1__TRUST__HQ_LONGITUDE_PRESENT_HQ_LONGITUDE
            ? c.hq_longitude : nil
        self.openDate = String(protobufC: c.open_date)
        self.closeDate = String(protobufC: c.close_date)
        self.latest = c.latest.map { Ranking(cMessage: $0) }
        self.latestNote = String(protobufC: c.latest_note)
        self.siteCount = c.site_count
        self.formerCodes = decodeStrings(c.former_codes, count: c.n_former_codes)
        self.successorCode = String(protobufC: c.successor_code)
    }
}

extension TableCoverage: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__TableCoverage> {
        let m = arena.message(nhs__league__v1__table_coverage__init)
        m.pointee.quarter = arena.string(self.quarter)
        m.pointee.table = self.table.protobufC
        m.pointee.table_size = self.tableSize
        m.pointee.with_position = self.withPosition
        m.pointee.with_segment = self.withSegment
        m.pointee.with_score = self.withScore
        m.pointee.with_domain_scores = self.withDomainScores
        m.pointee.published = arena.string(self.published)
        m.pointee.period = arena.string(self.period)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__TableCoverage>) {
        let c = cMessage.pointee
        self.init()
        self.quarter = String(protobufC: c.quarter)
        self.table = LeagueTableKind(protobufC: c.table)
        self.tableSize = c.table_size
        self.withPosition = c.with_position
        self.withSegment = c.with_segment
        self.withScore = c.with_score
        self.withDomainScores = c.with_domain_scores
        self.published = String(protobufC: c.published)
        self.period = String(protobufC: c.period)
    }
}
