import LeagueCore
import LeagueWire

extension LeagueResponder {
    /// `nearest`: resolve the location, find the nearest open ranked trusts, and say how
    /// precise the location was and whether it is outside England.
    func nearest(_ request: NearestRequest, snapshot: LeagueSnapshot) throws -> NearestResult {
        let postcode = request.postcode.trimmingCharacters(in: .whitespaces)
        let location: LeagueCore.ResolvedLocation
        switch (postcode.isEmpty, request.latitude, request.longitude) {
        case (false, nil, nil):
            location = try snapshot.postcodes.resolve(postcode)
        case (true, let latitude?, let longitude?):
            location = try LeagueCore.ResolvedLocation.coordinates(latitude: latitude, longitude: longitude)
        case (false, _, _):
            throw QueryError(.invalidArgument, "give a postcode or latitude and longitude, not both")
        default:
            throw QueryError(.invalidArgument, "give a postcode (e.g. \"M13 9WL\" or \"M13\"), or both latitude and longitude")
        }
        var tables = GeoTables()
        for kind in request.tables {
            guard let table = WireMapping.tableKind(kind) else {
                throw QueryError(.invalidArgument, "unknown table in tables: use acute, non-acute or ambulance")
            }
            tables.formUnion(GeoTables(table))
        }
        let found = try snapshot.geo.nearestTrusts(
            latitude: location.latitude, longitude: location.longitude,
            limit: request.limit == 0 ? GeoIndex.defaultLimit : Int(request.limit),
            tables: tables.isEmpty ? .all : tables, maxDistanceKm: request.maxDistanceKm)

        var result = NearestResult()
        result.location = Self.wireLocation(location, query: postcode)
        result.trusts = found.compactMap { nearby in
            guard let trust = snapshot.dataset.trust(nearby.odsCode) else { return nil }
            var wire = NearbyTrust()
            wire.trust = WireMapping.trust(snapshot.queries.summary(of: trust))
            var site = HospitalSite()
            site.siteCode = nearby.place.siteCode ?? ""
            site.name = nearby.place.name ?? "Trust headquarters"
            site.postcode = nearby.place.postcode ?? ""
            site.latitude = nearby.place.latitude
            site.longitude = nearby.place.longitude
            site.parentLinkMethod = nearby.place.siteCode.flatMap { snapshot.dataset.sitesByCode[$0]?.parentLinkMethod } ?? ""
            wire.site = site
            wire.viaHeadquarters = nearby.viaHeadquarters
            wire.distanceKm = nearby.distanceKm
            wire.distanceMiles = nearby.distanceMiles
            return wire
        }
        result.caveats = Self.nearestCaveats(location, found: found, maxDistanceKm: request.maxDistanceKm)
        return result
    }

    static func wireLocation(_ location: LeagueCore.ResolvedLocation, query: String) -> LeagueWire.ResolvedLocation {
        var wire = LeagueWire.ResolvedLocation()
        wire.query = location.postcode?.description ?? query
        wire.latitude = location.latitude
        wire.longitude = location.longitude
        wire.precision = switch location.precision {
        case .fullPostcode: .fullPostcode
        case .sector: .postcodeSector
        case .district: .postcodeDistrict
        case .coordinates: .coordinates
        }
        wire.matched = location.matchedKey ?? ""
        wire.country = countryName(location.country)
        switch location.precision {
        case .sector where location.isCoarserThanRequested:
            wire.note = "Located by the centre of postcode sector \(location.matchedKey ?? "") (within about a kilometre); "
                + "full postcodes are not loaded on this server."
        case .district:
            wire.note = "Located by the centre of postcode district \(location.matchedKey ?? ""), which can be several kilometres across."
        default:
            break
        }
        return wire
    }

    static func nearestCaveats(_ location: LeagueCore.ResolvedLocation, found: [NearestTrust], maxDistanceKm: Double?) -> [String] {
        var caveats: [String] = []
        if !location.isInEngland, location.precision != .coordinates || location.country != .unknown {
            caveats.append("NHS England's league tables cover England only; this location is in \(countryName(location.country)). "
                + "These are the nearest English NHS trusts; local health services there are run separately.")
        }
        if found.contains(where: \.viaHeadquarters) {
            caveats.append("Trusts marked HQ are placed at their headquarters: no hospital site with coordinates is known for them.")
        }
        if found.isEmpty, let maxDistanceKm {
            caveats.append("No ranked trust has a known site within \(maxDistanceKm) km; try a larger distance.")
        }
        caveats.append("Distances are straight-line, not travel distance. A trust's ranking covers all its hospitals.")
        return caveats
    }

    static func countryName(_ country: PostcodeCountry) -> String {
        switch country {
        case .england: "England"
        case .wales: "Wales"
        case .scotland: "Scotland"
        case .northernIreland: "Northern Ireland"
        case .channelIslands: "the Channel Islands"
        case .isleOfMan: "the Isle of Man"
        case .unknown: "an unknown country"
        }
    }
}
