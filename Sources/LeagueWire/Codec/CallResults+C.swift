import CLeagueProto

// Conversions for each call's result message (the `result` oneof of
// `Response`) and the types only results use. A singular message field that
// Swift models as non-optional (e.g. `TrustDetail.trust`) is always sent, and
// reads back as an empty message if a peer left it unset (proto3 default).

extension ServerInfo: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__ServerInfo> {
        let m = arena.message(nhs__league__v1__server_info__init)
        m.pointee.server_version = arena.string(self.serverVersion)
        m.pointee.data_version = arena.string(self.dataVersion)
        m.pointee.n_coverage = self.coverage.count
        m.pointee.coverage = arena.messages(self.coverage)
        m.pointee.trusts = self.trusts
        m.pointee.sites = self.sites
        m.pointee.postcode_sectors = self.postcodeSectors
        m.pointee.postcode_districts = self.postcodeDistricts
        m.pointee.actions = self.actions
        m.pointee.latest_quarter = arena.string(self.latestQuarter)
        m.pointee.loaded_at = arena.string(self.loadedAt)
        m.pointee.attribution = arena.string(self.attribution)
        m.pointee.full_postcodes = self.fullPostcodes
        m.pointee.metrics = self.metrics
        m.pointee.metric_values = self.metricValues
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__ServerInfo>) {
        let c = cMessage.pointee
        self.init()
        self.serverVersion = String(protobufC: c.server_version)
        self.dataVersion = String(protobufC: c.data_version)
        self.coverage = decodeMessages(c.coverage, count: c.n_coverage)
        self.trusts = c.trusts
        self.sites = c.sites
        self.postcodeSectors = c.postcode_sectors
        self.postcodeDistricts = c.postcode_districts
        self.actions = c.actions
        self.latestQuarter = String(protobufC: c.latest_quarter)
        self.loadedAt = String(protobufC: c.loaded_at)
        self.attribution = String(protobufC: c.attribution)
        self.fullPostcodes = c.full_postcodes
        self.metrics = c.metrics
        self.metricValues = c.metric_values
    }
}

extension TrustDetail: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__TrustDetail> {
        let m = arena.message(nhs__league__v1__trust_detail__init)
        m.pointee.trust = self.trust.cMessage(in: arena)
        m.pointee.n_sites = self.sites.count
        m.pointee.sites = arena.messages(self.sites)
        m.pointee.n_caveats = self.caveats.count
        m.pointee.caveats = arena.strings(self.caveats)
        m.pointee.metric_highlights = self.metricHighlights?.cMessage(in: arena)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__TrustDetail>) {
        let c = cMessage.pointee
        self.init()
        self.trust = decodeMessage(c.trust, default: Trust())
        self.sites = decodeMessages(c.sites, count: c.n_sites)
        self.caveats = decodeStrings(c.caveats, count: c.n_caveats)
        self.metricHighlights = c.metric_highlights.map { MetricStrengths(cMessage: $0) }
    }
}

extension TrustMatch: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__TrustMatch> {
        let m = arena.message(nhs__league__v1__trust_match__init)
        m.pointee.trust = self.trust.cMessage(in: arena)
        m.pointee.kind = self.kind.protobufC
        m.pointee.field = self.field.protobufC
        m.pointee.matched_text = arena.string(self.matchedText)
        m.pointee.score = self.score
        m.pointee.site_code = arena.string(self.siteCode)
        m.pointee.alias_source = arena.string(self.aliasSource)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__TrustMatch>) {
        let c = cMessage.pointee
        self.init()
        self.trust = decodeMessage(c.trust, default: Trust())
        self.kind = MatchKind(protobufC: c.kind)
        self.field = MatchField(protobufC: c.field)
        self.matchedText = String(protobufC: c.matched_text)
        self.score = c.score
        self.siteCode = String(protobufC: c.site_code)
        self.aliasSource = String(protobufC: c.alias_source)
    }
}

extension FindTrustsResult: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__FindTrustsResult> {
        let m = arena.message(nhs__league__v1__find_trusts_result__init)
        m.pointee.n_matches = self.matches.count
        m.pointee.matches = arena.messages(self.matches)
        m.pointee.n_did_you_mean = self.didYouMean.count
        m.pointee.did_you_mean = arena.strings(self.didYouMean)
        m.pointee.normalized_query = arena.string(self.normalizedQuery)
        m.pointee.ambiguous = self.ambiguous ? 1 : 0
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__FindTrustsResult>) {
        let c = cMessage.pointee
        self.init()
        self.matches = decodeMessages(c.matches, count: c.n_matches)
        self.didYouMean = decodeStrings(c.did_you_mean, count: c.n_did_you_mean)
        self.normalizedQuery = String(protobufC: c.normalized_query)
        self.ambiguous = c.ambiguous != 0
    }
}

extension ResolvedLocation: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__ResolvedLocation> {
        let m = arena.message(nhs__league__v1__resolved_location__init)
        m.pointee.query = arena.string(self.query)
        m.pointee.latitude = self.latitude
        m.pointee.longitude = self.longitude
        m.pointee.precision = self.precision.protobufC
        m.pointee.matched = arena.string(self.matched)
        m.pointee.country = arena.string(self.country)
        m.pointee.note = arena.string(self.note)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__ResolvedLocation>) {
        let c = cMessage.pointee
        self.init()
        self.query = String(protobufC: c.query)
        self.latitude = c.latitude
        self.longitude = c.longitude
        self.precision = LocationPrecision(protobufC: c.precision)
        self.matched = String(protobufC: c.matched)
        self.country = String(protobufC: c.country)
        self.note = String(protobufC: c.note)
    }
}

extension NearbyTrust: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__NearbyTrust> {
        let m = arena.message(nhs__league__v1__nearby_trust__init)
        m.pointee.trust = self.trust.cMessage(in: arena)
        m.pointee.site = self.site?.cMessage(in: arena)
        m.pointee.via_headquarters = self.viaHeadquarters.protobufC
        m.pointee.distance_km = self.distanceKm
        m.pointee.distance_miles = self.distanceMiles
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__NearbyTrust>) {
        let c = cMessage.pointee
        self.init()
        self.trust = decodeMessage(c.trust, default: Trust())
        self.site = c.site.map { HospitalSite(cMessage: $0) }
        self.viaHeadquarters = Bool(protobufC: c.via_headquarters)
        self.distanceKm = c.distance_km
        self.distanceMiles = c.distance_miles
    }
}

extension NearestResult: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__NearestResult> {
        let m = arena.message(nhs__league__v1__nearest_result__init)
        m.pointee.location = self.location.cMessage(in: arena)
        m.pointee.n_trusts = self.trusts.count
        m.pointee.trusts = arena.messages(self.trusts)
        m.pointee.n_caveats = self.caveats.count
        m.pointee.caveats = arena.strings(self.caveats)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__NearestResult>) {
        let c = cMessage.pointee
        self.init()
        self.location = decodeMessage(c.location, default: ResolvedLocation())
        self.trusts = decodeMessages(c.trusts, count: c.n_trusts)
        self.caveats = decodeStrings(c.caveats, count: c.n_caveats)
    }
}

extension ImprovementAction: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__ImprovementAction> {
        let m = arena.message(nhs__league__v1__improvement_action__init)
        m.pointee.date = arena.string(self.date)
        m.pointee.title = arena.string(self.title)
        m.pointee.category = arena.string(self.category)
        m.pointee.status = arena.string(self.status)
        m.pointee.source_url = arena.string(self.sourceURL)
        m.pointee.note = arena.string(self.note)
        m.pointee.derived = self.derived.protobufC
        m.pointee.source_type = arena.string(self.sourceType)
        m.pointee.source_text = arena.string(self.sourceText)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__ImprovementAction>) {
        let c = cMessage.pointee
        self.init()
        self.date = String(protobufC: c.date)
        self.title = String(protobufC: c.title)
        self.category = String(protobufC: c.category)
        self.status = String(protobufC: c.status)
        self.sourceURL = String(protobufC: c.source_url)
        self.note = String(protobufC: c.note)
        self.derived = Bool(protobufC: c.derived)
        self.sourceType = String(protobufC: c.source_type)
        self.sourceText = String(protobufC: c.source_text)
    }
}

extension ListActionsResult: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__ListActionsResult> {
        let m = arena.message(nhs__league__v1__list_actions_result__init)
        m.pointee.trust = self.trust.cMessage(in: arena)
        m.pointee.n_actions = self.actions.count
        m.pointee.actions = arena.messages(self.actions)
        m.pointee.summary = arena.string(self.summary)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__ListActionsResult>) {
        let c = cMessage.pointee
        self.init()
        self.trust = decodeMessage(c.trust, default: Trust())
        self.actions = decodeMessages(c.actions, count: c.n_actions)
        self.summary = String(protobufC: c.summary)
    }
}

extension LeagueTableRow: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__LeagueTableRow> {
        let m = arena.message(nhs__league__v1__league_table_row__init)
        m.pointee.trust = self.trust.cMessage(in: arena)
        m.pointee.ranking = self.ranking.cMessage(in: arena)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__LeagueTableRow>) {
        let c = cMessage.pointee
        self.init()
        self.trust = decodeMessage(c.trust, default: Trust())
        self.ranking = decodeMessage(c.ranking, default: Ranking())
    }
}

extension LeagueTableResult: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__LeagueTableResult> {
        let m = arena.message(nhs__league__v1__league_table_result__init)
        m.pointee.quarter = arena.string(self.quarter)
        m.pointee.table = self.table.protobufC
        m.pointee.total_matching = self.totalMatching
        m.pointee.n_rows = self.rows.count
        m.pointee.rows = arena.messages(self.rows)
        m.pointee.coverage = self.coverage?.cMessage(in: arena)
        m.pointee.n_available_quarters = self.availableQuarters.count
        m.pointee.available_quarters = arena.strings(self.availableQuarters)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__LeagueTableResult>) {
        let c = cMessage.pointee
        self.init()
        self.quarter = String(protobufC: c.quarter)
        self.table = LeagueTableKind(protobufC: c.table)
        self.totalMatching = c.total_matching
        self.rows = decodeMessages(c.rows, count: c.n_rows)
        self.coverage = c.coverage.map { TableCoverage(cMessage: $0) }
        self.availableQuarters = decodeStrings(c.available_quarters, count: c.n_available_quarters)
    }
}

extension TrustHistoryResult: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__TrustHistoryResult> {
        let m = arena.message(nhs__league__v1__trust_history_result__init)
        m.pointee.trust = self.trust.cMessage(in: arena)
        m.pointee.n_rankings = self.rankings.count
        m.pointee.rankings = arena.messages(self.rankings)
        m.pointee.n_caveats = self.caveats.count
        m.pointee.caveats = arena.strings(self.caveats)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__TrustHistoryResult>) {
        let c = cMessage.pointee
        self.init()
        self.trust = decodeMessage(c.trust, default: Trust())
        self.rankings = decodeMessages(c.rankings, count: c.n_rankings)
        self.caveats = decodeStrings(c.caveats, count: c.n_caveats)
    }
}
