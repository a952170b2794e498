import LeagueWire

/// Message values for the codec tests: every field populated ("full"), every
/// optional left unset ("sparse"), and optionals set to zero/false ("zero"),
/// which must survive as present rather than collapse to nil.
enum Fixtures {
    static let unicode = "Guy’s & St Thomas’ — Ysbyty Gwynedd 🏥 日本語 e\u{301} ﷽"
    static let long = String(repeating: "abcdefghij", count: 2_000)

    // MARK: shared types

    static let domainFull: DomainScore = {
        var d = DomainScore()
        d.key = "patient_safety"
        d.name = "Patient safety"
        d.description = unicode
        d.score = 2.437_5
        d.segment = 3
        d.source = "NHS England NOF dashboard"
        return d
    }()

    static let domainZero: DomainScore = {
        var d = DomainScore()
        d.key = "access"
        d.score = 0
        d.segment = 0
        return d
    }()

    static let movementFull: Movement = {
        var m = Movement()
        m.previousQuarter = "Q4 2025/26"
        m.positionsUp = Int32.min
        m.segmentsUp = -3
        m.previousPosition = Int32.max
        m.previousSegment = UInt32.max
        m.previousScore = -Double.greatestFiniteMagnitude
        m.summary = "down 2 places since Q4 2025/26"
        return m
    }()

    static let movementZero: Movement = {
        var m = Movement()
        m.positionsUp = 0
        m.segmentsUp = 0
        m.previousPosition = 0
        m.previousSegment = 0
        m.previousScore = 0
        return m
    }()

    static let gapFull: SegmentGap = {
        var g = SegmentGap()
        g.targetSegment = 2
        g.thresholdScore = 2.25
        g.scoreGap = Double.leastNonzeroMagnitude
        g.explanation = "improve the average metric score by 0.1"
        return g
    }()

    static let rankingFull: Ranking = {
        var r = Ranking()
        r.quarter = "Q1 2026/27"
        r.period = "April to June 2026"
        r.periodStart = "2026-04-01"
        r.periodEnd = "2026-06-30"
        r.published = "2026-09-10"
        r.table = .acute
        r.tableSize = 134
        r.segment = 5
        r.segmentMeaning = "Recovery Support Programme"
        r.leaguePosition = UInt32.max
        r.jointPosition = true
        r.averageMetricScore = Double.infinity
        r.unadjustedSegment = 4
        r.financialOverride = true
        r.recoverySupportProgramme = true
        r.financialDeficit = true
        r.domains = [domainFull, domainZero, DomainScore()]
        r.source = "https://example.invalid/nof.xlsx"
        r.movement = movementFull
        r.gapToNextSegment = gapFull
        r.caveats = ["first caveat", "", unicode]
        r.trustNameAsPublished = unicode
        return r
    }()

    static let rankingZero: Ranking = {
        var r = Ranking()
        r.segment = 0
        r.leaguePosition = 0
        r.averageMetricScore = 0
        r.unadjustedSegment = 0
        r.financialOverride = false
        r.recoverySupportProgramme = false
        r.financialDeficit = false
        r.movement = movementZero
        r.gapToNextSegment = SegmentGap()
        return r
    }()

    static let siteFull: HospitalSite = {
        var s = HospitalSite()
        s.siteCode = "RJ121"
        s.name = "St Thomas’ Hospital"
        s.postcode = "SE1 7EH"
        s.latitude = 51.498_9
        s.longitude = -0.118_6
        s.parentLinkMethod = "ods_trust_successor"
        return s
    }()

    static let siteZero: HospitalSite = {
        var s = HospitalSite()
        s.latitude = 0
        s.longitude = -0.0
        return s
    }()

    static let trustFull: Trust = {
        var t = Trust()
        t.odsCode = "RJ1"
        t.name = unicode
        t.table = .nonAcute
        t.region = "London"
        t.trustType = "Acute trust"
        t.trustSubtype = "Acute - Teaching"
        t.hqPostcode = "SE1 9RT"
        t.hqLatitude = 90
        t.hqLongitude = -180
        t.openDate = "1993-04-01"
        t.closeDate = "2031-03-31"
        t.latest = rankingFull
        t.latestNote = "not ranked in Q1 2026/27"
        t.siteCount = UInt32.max
        t.formerCodes = ["RYQ", "R1K", ""]
        t.successorCode = "RJZ"
        return t
    }()

    static let trustZero: Trust = {
        var t = Trust()
        t.hqLatitude = 0
        t.hqLongitude = 0
        t.latest = rankingZero
        return t
    }()

    static let coverageFull: TableCoverage = {
        var c = TableCoverage()
        c.quarter = "Q1 2026/27"
        c.table = .ambulance
        c.tableSize = 11
        c.withPosition = 10
        c.withSegment = 9
        c.withScore = 8
        c.withDomainScores = UInt32.max
        c.published = "2026-09-10"
        c.period = "April to June 2026"
        return c
    }()

    // MARK: requests

    static let nearestFull: NearestRequest = {
        var n = NearestRequest()
        n.postcode = "M13 9"
        n.latitude = -90
        n.longitude = 180
        n.limit = UInt32.max
        n.tables = [.acute, .ambulance, .unspecified, .nonAcute, .acute]
        n.maxDistanceKm = Double.greatestFiniteMagnitude
        return n
    }()

    static let nearestZero: NearestRequest = {
        var n = NearestRequest()
        n.latitude = 0
        n.longitude = 0
        n.maxDistanceKm = 0
        return n
    }()

    static let leagueTableRequestFull: LeagueTableRequest = {
        var l = LeagueTableRequest()
        l.table = .ambulance
        l.quarter = "Q4 2025/26"
        l.segment = 4
        l.region = "North East and Yorkshire"
        l.descending = true
        l.offset = UInt32.max
        l.limit = 200
        return l
    }()

    static let leagueTableRequestZeroSegment: LeagueTableRequest = {
        var l = LeagueTableRequest()
        l.table = .acute
        l.segment = 0
        return l
    }()

    /// One request per call shape, each named for the parameterised test output.
    static let requests: [(String, Request)] = [
        ("unset, id 0", Request(id: 0, call: .unset)),
        ("unset, extremes", Request(id: .max, deadlineMs: .max, call: .unset)),
        ("serverInfo", Request(id: 1, deadlineMs: 250, call: .serverInfo)),
        ("getTrust", Request(id: 2, call: .getTrust(GetTrustRequest(odsCode: "rj1")))),
        ("getTrust, unicode", Request(id: 3, call: .getTrust(GetTrustRequest(odsCode: unicode)))),
        ("getTrust, empty", Request(id: 4, call: .getTrust(GetTrustRequest(odsCode: "")))),
        ("findTrusts", Request(id: 5, deadlineMs: 1, call: .findTrusts(FindTrustsRequest(query: unicode, limit: 50)))),
        ("findTrusts, long", Request(id: 6, call: .findTrusts(FindTrustsRequest(query: long, limit: .max)))),
        ("nearest, full", Request(id: 7, call: .nearest(nearestFull))),
        ("nearest, zeros present", Request(id: 8, call: .nearest(nearestZero))),
        ("nearest, sparse", Request(id: 9, call: .nearest(NearestRequest()))),
        ("listActions", Request(id: 10, call: .listActions(ListActionsRequest(odsCode: "RXX")))),
        ("leagueTable, full", Request(id: 11, call: .leagueTable(leagueTableRequestFull))),
        ("leagueTable, segment 0", Request(id: 12, call: .leagueTable(leagueTableRequestZeroSegment))),
        ("leagueTable, sparse", Request(id: 13, call: .leagueTable(LeagueTableRequest()))),
        ("trustHistory", Request(id: .max - 1, call: .trustHistory(TrustHistoryRequest(odsCode: "R0A")))),
    ]

    // MARK: results

    static let serverInfoFull: ServerInfo = {
        var s = ServerInfo()
        s.serverVersion = "1.0.0"
        s.dataVersion = "sha256:abc@Q1 2026/27"
        s.coverage = [coverageFull, TableCoverage(), coverageFull]
        s.trusts = 1
        s.sites = 2
        s.postcodeSectors = 3
        s.postcodeDistricts = 4
        s.actions = 5
        s.latestQuarter = "Q1 2026/27"
        s.loadedAt = "2026-09-10T12:00:00Z"
        s.attribution = "Contains public sector information licensed under the OGL v3.0 © " + unicode
        s.fullPostcodes = UInt32.max
        return s
    }()

    static let trustDetailFull: TrustDetail = {
        var d = TrustDetail()
        d.trust = trustFull
        d.sites = [siteFull, siteZero, HospitalSite()]
        d.caveats = ["a", unicode]
        return d
    }()

    static let trustMatchFull: TrustMatch = {
        var m = TrustMatch()
        m.trust = trustFull
        m.kind = .token
        m.field = .formerName
        m.matchedText = unicode
        m.score = -1e-300
        m.siteCode = "RJ121"
        m.aliasSource = "nhs.uk"
        return m
    }()

    static let findTrustsResultFull: FindTrustsResult = {
        var f = FindTrustsResult()
        f.matches = [trustMatchFull, TrustMatch()]
        f.didYouMean = ["Guy's", unicode]
        f.normalizedQuery = "guys"
        f.ambiguous = true
        return f
    }()

    static let nearestResultFull: NearestResult = {
        var near = NearbyTrust()
        near.trust = trustFull
        near.site = siteFull
        near.viaHeadquarters = true
        near.distanceKm = 1.5
        near.distanceMiles = 0.932
        var hq = NearbyTrust()
        hq.trust = trustZero
        hq.viaHeadquarters = false
        var location = ResolvedLocation()
        location.query = "M13 9"
        location.latitude = 53.46
        location.longitude = -2.23
        location.precision = .postcodeSector
        location.matched = "M13 9"
        location.country = "England"
        location.note = unicode
        var r = NearestResult()
        r.location = location
        r.trusts = [near, hq]
        r.caveats = ["distances are straight-line"]
        return r
    }()

    static let listActionsResultFull: ListActionsResult = {
        var a = ImprovementAction()
        a.date = "2026-01-02"
        a.title = unicode
        a.category = "enforcement"
        a.status = "open"
        a.sourceURL = "https://example.invalid/a"
        a.note = "note"
        a.derived = true
        var r = ListActionsResult()
        r.trust = trustFull
        r.actions = [a, ImprovementAction()]
        r.summary = "no recorded actions; segment 4 implies intensive support"
        return r
    }()

    static let leagueTableResultFull: LeagueTableResult = {
        var row = LeagueTableRow()
        row.trust = trustFull
        row.ranking = rankingFull
        var r = LeagueTableResult()
        r.quarter = "Q1 2026/27"
        r.table = .acute
        r.totalMatching = UInt32.max
        r.rows = [row, LeagueTableRow(), row]
        r.coverage = coverageFull
        r.availableQuarters = ["Q1 2026/27", "Q4 2025/26"]
        return r
    }()

    /// A full page of the largest table: the biggest response the server sends.
    static let leagueTableResultLarge: LeagueTableResult = {
        var row = LeagueTableRow()
        row.trust = trustFull
        row.ranking = rankingFull
        var r = LeagueTableResult()
        r.rows = Array(repeating: row, count: 200)
        return r
    }()

    static let trustHistoryResultFull: TrustHistoryResult = {
        var h = TrustHistoryResult()
        h.trust = trustFull
        h.rankings = [rankingFull, rankingZero, Ranking()]
        h.caveats = [unicode]
        return h
    }()

    static let responses: [(String, Response)] = [
        ("empty", Response(id: 0)),
        ("error, no result", .error(id: .max, .resourceExhausted, unicode, dataVersion: "v1")),
        ("error status with every code", .error(id: 1, .unavailable, "")),
        ("serverInfo, full", Response(id: 2, dataVersion: "v", result: .serverInfo(serverInfoFull))),
        ("serverInfo, empty", Response(id: 3, result: .serverInfo(ServerInfo()))),
        ("getTrust, full", Response(id: 4, result: .getTrust(trustDetailFull))),
        (
            "getTrust, zeros present",
            Response(
                id: 5,
                result: .getTrust(
                    {
                        var d = TrustDetail(); d.trust = trustZero; return d
                    }()))
        ),
        ("getTrust, empty", Response(id: 6, result: .getTrust(TrustDetail()))),
        ("findTrusts, full", Response(id: 7, result: .findTrusts(findTrustsResultFull))),
        ("findTrusts, empty", Response(id: 8, result: .findTrusts(FindTrustsResult()))),
        ("nearest, full", Response(id: 9, result: .nearest(nearestResultFull))),
        ("nearest, empty", Response(id: 10, result: .nearest(NearestResult()))),
        ("listActions, full", Response(id: 11, result: .listActions(listActionsResultFull))),
        ("listActions, empty", Response(id: 12, result: .listActions(ListActionsResult()))),
        ("leagueTable, full", Response(id: 13, result: .leagueTable(leagueTableResultFull))),
        ("leagueTable, 200 rows", Response(id: 14, result: .leagueTable(leagueTableResultLarge))),
        ("leagueTable, empty", Response(id: 15, result: .leagueTable(LeagueTableResult()))),
        ("trustHistory, full", Response(id: 16, result: .trustHistory(trustHistoryResultFull))),
        ("trustHistory, empty", Response(id: 17, result: .trustHistory(TrustHistoryResult()))),
    ]
}
