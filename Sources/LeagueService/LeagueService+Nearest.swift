import LeagueCore
import LeagueWire

extension LeagueService {
    /// `nearest`: the core resolves the location and finds the nearest open ranked trusts;
    /// this maps the answer, with its precision and caveats, onto the wire.
    func nearest(_ request: NearestRequest, snapshot: LeagueSnapshot) throws -> NearestResult {
        let (answer, postcode) = try nearestAnswer(request, snapshot: snapshot)
        var result = NearestResult()
        result.location = Self.wireLocation(answer.location, query: postcode, note: answer.precisionNote)
        result.trusts = answer.trusts.compactMap { nearby in
            guard let trust = snapshot.dataset.trust(nearby.odsCode) else { return nil }
            var wire = NearbyTrust()
            wire.trust = TrustFill.full.wire(trust, snapshot)
            wire.site = Self.wireSite(nearby.place, snapshot)
            wire.viaHeadquarters = nearby.viaHeadquarters
            wire.distanceKm = nearby.distanceKm
            wire.distanceMiles = nearby.distanceMiles
            return wire
        }
        result.caveats = answer.caveats
        return result
    }

    /// The request checked and answered by the core, with the postcode as asked (trimmed).
    func nearestAnswer(_ request: NearestRequest, snapshot: LeagueSnapshot) throws -> (
        answer: NearestTrustSearch.Answer, postcode: String
    ) {
        let postcode = request.postcode.trimmingWhitespaces
        let origin: NearestTrustSearch.Origin
        switch (postcode.isEmpty, request.latitude, request.longitude) {
        case (false, nil, nil):
            origin = .postcode(postcode)
        case (true, let latitude?, let longitude?):
            origin = .coordinates(latitude: latitude, longitude: longitude)
        case (false, _, _):
            throw QueryError(.invalidArgument, "give a postcode or latitude and longitude, not both")
        default:
            throw QueryError(
                .invalidArgument, "give a postcode (e.g. \"M13 9WL\" or \"M13\"), or both latitude and longitude")
        }
        var kinds: [TableKind] = []
        for kind in request.tables {
            guard let table = WireMapping.tableKind(kind) else {
                throw QueryError(
                    .invalidArgument, "tables may hold TABLE_ACUTE, TABLE_NON_ACUTE or TABLE_AMBULANCE only")
            }
            kinds.append(table)
        }
        let answer = try snapshot.nearest.nearest(
            origin, limit: request.limit == 0 ? GeoIndex.defaultLimit : Int(request.limit),
            tables: kinds.isEmpty ? .all : GeoTables(kinds), maxDistanceKm: request.maxDistanceKm,
            includeClinics: request.includeClinics)

        return (answer, postcode)
    }

    /// The site a trust was measured from: the site's full record when it is a known site,
    /// else (a headquarters) what the index holds.
    static func wireSite(_ place: GeoPlace, _ snapshot: LeagueSnapshot) -> HospitalSite {
        if let code = place.siteCode, let record = snapshot.dataset.sitesByCode[code] {
            return WireMapping.site(record, operators: snapshot.dataset.siteOperators[code])
        }
        var site = HospitalSite()
        site.siteCode = place.siteCode ?? ""
        site.name = place.displayName
        site.postcode = place.postcode ?? ""
        site.latitude = place.latitude
        site.longitude = place.longitude
        return site
    }

    static func wireLocation(_ location: LeagueCore.ResolvedLocation, query: String, note: String?)
        -> LeagueWire.ResolvedLocation
    {
        var wire = LeagueWire.ResolvedLocation()
        // A postcode as normalised, a post town as published ("kendal" is "Kendal").
        wire.query =
            location.postcode?.canonical ?? (location.precision == .postTown ? location.matchedKey : nil) ?? query
        wire.latitude = location.latitude
        wire.longitude = location.longitude
        wire.precision =
            switch location.precision {
            case .fullPostcode: .fullPostcode
            case .sector: .postcodeSector
            case .district: .postcodeDistrict
            case .coordinates: .coordinates
            case .postTown: .postTown
            }
        wire.matched = location.matchedKey ?? ""
        wire.country = location.country == .unknown ? "" : location.country.displayName
        wire.note = note ?? ""
        return wire
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)`, without Foundation's round trip through
    /// `NSString` when neither end can be whitespace, as in nearly every request (a Nearest
    /// request spent 7.8 k instructions, 5 % of it, trimming a postcode that had nothing to trim).
    var trimmingWhitespaces: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
            Self.mayBeWhitespace(first) || Self.mayBeWhitespace(last)
        else { return self }
        return trimmingCharacters(in: .whitespaces)
    }

    /// True for every scalar `CharacterSet.whitespaces` holds (tab and the space separators)
    /// and a few more (the other `White_Space` scalars, e.g. line breaks): those are left to
    /// Foundation, so the result is always exactly `trimmingCharacters(in: .whitespaces)`.
    private static func mayBeWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}
