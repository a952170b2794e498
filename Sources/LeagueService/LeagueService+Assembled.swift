import LeagueCore
import LeagueWire
import ProtobufCRuntime

extension LeagueService {
    /// One element of an assembled list, ready to write: its trust's `Trust` message (field
    /// 1, shared), then its other fields.
    struct ListedTrust {
        var trust: [UInt8]
        /// The element's other fields, encoded (shared between answers when cached).
        var rest: [UInt8]
        /// Nearest only: the element's distance fields, written after `rest`.
        var distance: NearbyDistance?

        /// The element's encoded length.
        var byteCount: Int {
            ProtoSplice.fieldSize(LeagueService.elementTrustField, bodyCount: trust.count) + rest.count
                + (distance?.byteCount ?? 0)
        }
    }

    /// An OK answer listing trusts, written once: the OK envelope (once per snapshot), the
    /// result field, its fields before the list, each element (its trust's encoding
    /// referenced, not copied), its fields after the list. Fields stay in number order, as
    /// protobuf-c writes them, so the body is byte for byte the value path's encoding.
    func assembled(
        resultField: Int, before: [UInt8], listField: Int, elements: [ListedTrust], after: [UInt8],
        _ snapshot: LeagueSnapshot
    ) -> EncodedBody {
        var resultSize = before.count + after.count
        var sharedBytes = 0
        for element in elements {
            resultSize += ProtoSplice.fieldSize(listField, bodyCount: element.byteCount)
            if element.trust.count >= EncodedBody.minimumSplicedBytes { sharedBytes += element.trust.count }
        }
        let envelope = okEnvelope(snapshot)
        var body = EncodedBody(
            glueCapacity: envelope.count + ProtoSplice.fieldSize(resultField, bodyCount: resultSize) - sharedBytes,
            splices: elements.count)
        body.append(envelope)
        body.appendFieldHeader(resultField, length: resultSize)
        body.append(before)
        for element in elements {
            body.appendFieldHeader(listField, length: element.byteCount)
            body.appendFieldHeader(Self.elementTrustField, length: element.trust.count)
            body.append(shared: element.trust)
            body.append(element.rest)
            element.distance?.append(to: &body)
        }
        body.append(after)
        return body
    }

    /// The OK envelope without a result (`status` and `data_version`), once per snapshot:
    /// every assembled answer starts with it, and its result field (numbered above both)
    /// follows.
    private func okEnvelope(_ snapshot: LeagueSnapshot) -> [UInt8] {
        answers.value(for: .okEnvelope, in: snapshot) {
            Response(status: .ok, dataVersion: snapshot.version).serializedBytes()
        }
    }
}

/// The fields of a `NearbyTrust` that depend on the query: `via_headquarters` (3),
/// `distance_km` (4), `distance_miles` (5), each left out at its proto3 default.
struct NearbyDistance {
    var viaHeadquarters: Bool
    var km: Double
    var miles: Double

    /// The bytes `append(to:)` writes.
    var byteCount: Int { (viaHeadquarters ? 2 : 0) + (km != 0 ? 9 : 0) + (miles != 0 ? 9 : 0) }

    func append(to body: inout EncodedBody) {
        body.appendBool(3, viaHeadquarters)
        body.appendDouble(4, km)
        body.appendDouble(5, miles)
    }
}
