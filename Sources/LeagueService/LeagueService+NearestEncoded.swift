import LeagueCore
import LeagueWire
import ProtobufCRuntime

extension LeagueService {
    /// `nearest` for the encoded path, written once (`assembled`): the location and caveats
    /// encoded here (a few hundred bytes), and each listed trust's `NearbyTrust` from its
    /// place's `NearbyFragment` (encoded once per snapshot) and its three scalars. No Swift
    /// or C message is built per request, and the trusts' encodings are referenced, not
    /// copied, until the answer is written out. Byte for byte what protobuf-c writes for
    /// `nearest(_:snapshot:)` (EncodedAnswerTests).
    func encodedNearest(_ request: NearestRequest, snapshot: LeagueSnapshot) throws -> EncodedBody {
        let (answer, postcode) = try nearestAnswer(request, snapshot: snapshot)
        let fragments = answers.nearbyFragments(for: answer.trusts, in: snapshot) { nearby in
            Self.nearbyFragment(nearby, snapshot: snapshot, trustBytes: { trustBytes($0, snapshot) })
        }
        var elements: [ListedTrust] = []
        elements.reserveCapacity(answer.trusts.count)
        for (nearby, fragment) in zip(answer.trusts, fragments) {
            // A trust missing from the dataset has no fragment; the value path leaves it out too.
            guard let fragment else { continue }
            elements.append(
                ListedTrust(
                    trust: fragment.trust, rest: fragment.siteField,
                    distance: NearbyDistance(
                        viaHeadquarters: nearby.viaHeadquarters, km: nearby.distanceKm, miles: nearby.distanceMiles)))
        }
        var location: [UInt8] = []
        Self.appendLocation(answer.location, query: postcode, note: answer.precisionNote, to: &location)
        var caveats: [UInt8] = []
        for caveat in answer.caveats { ProtoSplice.appendString(Self.nearestCaveatsField, caveat, to: &caveats) }
        return assembled(
            resultField: Self.responseNearestField, before: location, listField: Self.nearestTrustsField,
            elements: elements, after: caveats, snapshot)
    }

    // Field numbers from proto/nhs/league/v1/league.proto (EncodedAnswerTests checks the
    // answers byte for byte against protobuf-c's encoding of the value path's).
    /// `Response.nearest`.
    static let responseNearestField = 13
    /// `NearestResult.location`, `.trusts`, `.caveats`.
    static let nearestLocationField = 1
    static let nearestTrustsField = 2
    static let nearestCaveatsField = 3
    /// `NearbyTrust.site`.
    static let nearbySiteField = 2

    /// Appends `NearestResult.location`: the `ResolvedLocation` field, key and length
    /// included, its fields in number order with defaults left out (as protobuf-c writes it;
    /// the value path always sets it, so it is written even when empty).
    static func appendLocation(
        _ location: LeagueCore.ResolvedLocation, query: String, note: String?, to out: inout [UInt8]
    ) {
        let wire = wireLocation(location, query: query, note: note)
        var body: [UInt8] = []
        body.reserveCapacity(48 + wire.query.utf8.count + wire.matched.utf8.count + wire.note.utf8.count)
        ProtoSplice.appendString(1, wire.query, to: &body)
        ProtoSplice.appendDouble(2, wire.latitude, to: &body)
        ProtoSplice.appendDouble(3, wire.longitude, to: &body)
        ProtoSplice.appendEnum(4, wire.precision.rawValue, to: &body)
        ProtoSplice.appendString(5, wire.matched, to: &body)
        ProtoSplice.appendString(6, wire.country, to: &body)
        ProtoSplice.appendString(7, wire.note, to: &body)
        ProtoSplice.appendField(nearestLocationField, body, to: &out)
    }

    /// What `nearby` brings to an answer whatever the query; nil when its trust is not in
    /// the dataset.
    static func nearbyFragment(
        _ nearby: NearestTrust, snapshot: LeagueSnapshot, trustBytes: (String) -> [UInt8]
    ) -> NearbyFragment? {
        guard let trust = snapshot.dataset.trust(nearby.odsCode) else { return nil }
        let site = wireSite(nearby.place, snapshot).serializedBytes()
        var siteField: [UInt8] = []
        siteField.reserveCapacity(ProtoSplice.fieldSize(nearbySiteField, bodyCount: site.count))
        ProtoSplice.appendField(nearbySiteField, site, to: &siteField)
        return NearbyFragment(trustCode: trust.odsCode, trust: trustBytes(trust.odsCode), siteField: siteField)
    }
}

/// What a listed trust brings to a Nearest answer whatever the query, for one place of the
/// snapshot's geo index: its trust's `Trust` message (the bytes FindTrusts answers splice
/// too) and the place's `HospitalSite` as `NearbyTrust.site` (key and length included).
struct NearbyFragment: Sendable {
    var trustCode: String
    var trust: [UInt8]
    var siteField: [UInt8]

    /// What it adds to the cache (the trust's encoding belongs to its per-trust entry).
    var byteCount: Int { siteField.count + trustCode.utf8.count + 64 }
}
