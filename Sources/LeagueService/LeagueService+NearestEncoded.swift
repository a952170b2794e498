import LeagueCore
import LeagueWire

extension LeagueService {
    /// `nearest` for the encoded path: the answer without its trusts (location and caveats),
    /// and each listed trust's `NearbyTrust` encoded from parts encoded once per snapshot
    /// (the trust's `Trust`, the site's `HospitalSite`) and its three scalars. No Swift or C
    /// message is built per listed trust. Byte for byte what protobuf-c writes for
    /// `nearest(_:snapshot:)` (EncodedAnswerTests).
    func encodedNearest(_ request: NearestRequest, snapshot: LeagueSnapshot) throws -> (
        result: NearestResult, trusts: [[UInt8]]
    ) {
        let (answer, postcode) = try nearestAnswer(request, snapshot: snapshot)
        var result = NearestResult()
        result.location = Self.wireLocation(answer.location, query: postcode, note: answer.precisionNote)
        result.caveats = answer.caveats
        let trusts = answer.trusts.compactMap { nearby -> [UInt8]? in
            guard let trust = snapshot.dataset.trust(nearby.odsCode) else { return nil }
            return nearbyTrustBytes(nearby, code: trust.odsCode, snapshot)
        }
        return (result, trusts)
    }

    /// One `NearbyTrust`, fields in number order as protobuf-c writes them: `trust` (1) and
    /// `site` (2) always (the value path always sets both), then the scalars unless zero.
    private func nearbyTrustBytes(_ nearby: NearestTrust, code: String, _ snapshot: LeagueSnapshot) -> [UInt8] {
        let trust = trustBytes(code, snapshot)
        let site = siteBytes(nearby.place, snapshot)
        var out: [UInt8] = []
        out.reserveCapacity(trust.count + site.count + 32)
        ProtoSplice.appendField(1, trust, to: &out)
        ProtoSplice.appendField(2, site, to: &out)
        ProtoSplice.appendBool(3, nearby.viaHeadquarters, to: &out)
        ProtoSplice.appendDouble(4, nearby.distanceKm, to: &out)
        ProtoSplice.appendDouble(5, nearby.distanceMiles, to: &out)
        return out
    }

    /// The `HospitalSite` of a place: a known site's encoding is cached per snapshot (it does
    /// not depend on the query); a headquarters is encoded each time (few trusts have one).
    private func siteBytes(_ place: GeoPlace, _ snapshot: LeagueSnapshot) -> [UInt8] {
        guard let code = place.siteCode, snapshot.dataset.sitesByCode[code] != nil else {
            return Self.wireSite(place, snapshot).serializedBytes()
        }
        return answers.value(for: .site(code), in: snapshot) { Self.wireSite(place, snapshot).serializedBytes() }
    }
}
