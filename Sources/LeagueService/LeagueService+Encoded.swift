import LeagueCore
import LeagueWire

/// How an answer fills the `Trust` message of each trust it lists.
enum TrustFill {
    /// Mapped from the trust's summary (the value path).
    case full
    /// Only the ODS code, as a placeholder: the encoded path replaces the whole field with
    /// the trust's cached encoding.
    case codeOnly

    func wire(_ trust: TrustRecord, _ snapshot: LeagueSnapshot) -> LeagueWire.Trust {
        switch self {
        case .full: WireMapping.trust(snapshot.queries.summary(of: trust))
        case .codeOnly: LeagueWire.Trust(odsCode: trust.odsCode)
        }
    }
}

extension LeagueService {
    /// The answer to `request`, encoded: byte for byte `EncodedResponse(respond(to: request))`,
    /// but served from encodings cached for the current snapshot wherever the answer is a
    /// pure function of (snapshot, request):
    /// - GetTrust, TrustHistory, ListActions (per trust) and ServerInfo: encoded once per
    ///   snapshot; a request costs a lookup, and the transport writes its id in front;
    /// - FindTrusts, LeagueTable: cached per request as asked, within `answerCacheBytes`
    ///   (FindTrusts without the trusts it lists); FindTrusts and every Nearest answer are
    ///   assembled from each listed trust's `Trust` message, encoded once per snapshot;
    /// - any other call (and every failure) is answered by `respond(to:)` and encoded.
    ///
    /// The cache belongs to the snapshot the request reads, so a reload never serves old bytes.
    public func respondEncoded(to request: Request, receivedAt: ContinuousClock.Instant = .now) -> EncodedResponse {
        let snapshot = store.current
        do {
            let body = try encodedAnswer(request.call, from: snapshot)
            try Self.checkDeadline(of: request, receivedAt: receivedAt)
            return EncodedResponse(id: request.id, body: body)
        } catch {
            return EncodedResponse(failure(error, answering: request, from: snapshot))
        }
    }

    /// The encoded answer (every field but `id`) to `call`, or the error explaining why not.
    func encodedAnswer(_ call: Call, from snapshot: LeagueSnapshot) throws -> [UInt8] {
        switch call {
        case .serverInfo:
            return try answers.value(for: .serverInfo, in: snapshot) { try encodedValueAnswer(call, from: snapshot) }
        case .getTrust(let request):
            return try perTrust(call, code: request.odsCode, snapshot)
        case .trustHistory(let request):
            return try perTrust(call, code: request.odsCode, snapshot)
        case .listActions(let request):
            return try perTrust(call, code: request.odsCode, snapshot)
        case .findTrusts(let request):
            // Cached by request without the trusts it lists (a few hundred bytes per match
            // instead of each trust's whole encoding), so the evaluation set's 538 queries
            // fit the budget; each use splices the trusts' cached encodings back in.
            let parts: SplicedAnswer
            if case .spliced(let hit)? = answers.answer(for: call, in: snapshot) {
                parts = hit
            } else {
                var result = try findTrusts(request, snapshot: snapshot, trusts: .codeOnly)
                let matches = result.matches.map { Self.withoutTrust($0) }
                result.matches = []
                parts = SplicedAnswer(
                    result: .findTrusts(result), field: Self.findTrustsMatchesField, elements: matches)
                answers.store(.spliced(parts), for: call, in: snapshot)
            }
            return assemble(parts, snapshot)
        case .nearest(let request):
            // Not cached by request: locations rarely repeat (9,117 sectors, 19 kB answers), so
            // a request cache only churned the heap (RSS); each trust's encoding still is.
            let (result, trusts) = try encodedNearest(request, snapshot: snapshot)
            return okBody(.nearest(result), splicing: (Self.nearestTrustsField, trusts), snapshot)
        case .leagueTable:
            return try perRequest(call, snapshot) { try encodedValueAnswer(call, from: snapshot) }
        default:
            // `unset`, and any call added later: the value path, encoded.
            return try encodedValueAnswer(call, from: snapshot)
        }
    }

    // Field numbers from proto/nhs/league/v1/league.proto. EncodedAnswerTests checks the
    // spliced answers byte for byte against protobuf-c's encoding of the value path's.
    /// `TrustMatch.trust`, `NearbyTrust.trust`: the trust is field 1 of each element.
    static let elementTrustField = 1
    /// `FindTrustsResult.matches`.
    static let findTrustsMatchesField = 1
    /// `NearestResult.trusts`.
    static let nearestTrustsField = 2

    /// The value path's answer, encoded without its id.
    private func encodedValueAnswer(_ call: Call, from snapshot: LeagueSnapshot) throws -> [UInt8] {
        let result = try answer(call, from: snapshot)
        return Response(status: .ok, dataVersion: snapshot.version, result: result).serializedBytes()
    }

    /// A call about one trust: cached per snapshot under the trust's own code, so every
    /// spelling of the code ("rp6", " RP6") shares one entry and unknown codes store nothing.
    private func perTrust(_ call: Call, code: String, _ snapshot: LeagueSnapshot) throws -> [UInt8] {
        guard let trust = snapshot.dataset.trust(code) else {
            // Not found or not a code: the value path says which.
            return try encodedValueAnswer(call, from: snapshot)
        }
        return try answers.value(for: .trustAnswer(call: call.name, code: trust.odsCode), in: snapshot) {
            try encodedValueAnswer(call, from: snapshot)
        }
    }

    /// A call cached per request as asked (bounded); failures are never cached.
    private func perRequest(_ call: Call, _ snapshot: LeagueSnapshot, make: () throws -> [UInt8]) throws -> [UInt8] {
        if case .body(let hit)? = answers.answer(for: call, in: snapshot) { return hit }
        let body = try make()
        answers.store(.body(body), for: call, in: snapshot)
        return body
    }

    /// `element` encoded with an empty `trust` field, and the code of the trust that goes there.
    private static func withoutTrust(_ element: some ProtobufMessage & HasTrust) -> SplicedAnswer.Element {
        var element = element
        let code = element.trust.odsCode
        element.trust = LeagueWire.Trust()
        return SplicedAnswer.Element(trustCode: code, bytes: element.serializedBytes())
    }

    /// The OK answer `parts` stands for: each element with its trust's cached encoding
    /// spliced in, the elements spliced into the result, the result into the envelope.
    private func assemble(_ parts: SplicedAnswer, _ snapshot: LeagueSnapshot) -> [UInt8] {
        let elements = parts.elements.map { element in
            ProtoSplice.replacing(
                field: Self.elementTrustField, with: [trustBytes(element.trustCode, snapshot)], in: element.bytes)
        }
        return okBody(parts.result, splicing: (parts.field, elements), snapshot)
    }

    /// The `Trust` message of trust `code`, encoded once per snapshot.
    func trustBytes(_ code: String, _ snapshot: LeagueSnapshot) -> [UInt8] {
        answers.value(for: .trust(code), in: snapshot) {
            guard let trust = snapshot.dataset.trust(code) else { return LeagueWire.Trust().serializedBytes() }
            return WireMapping.trust(snapshot.queries.summary(of: trust)).serializedBytes()
        }
    }

    /// An OK answer carrying `result`, with the repeated field `splicing.field` of the result
    /// set to the given encoded elements.
    private func okBody(
        _ result: CallResult, splicing: (field: Int, elements: [[UInt8]]), _ snapshot: LeagueSnapshot
    ) -> [UInt8] {
        let resultBytes: [UInt8] =
            switch result {
            case .findTrusts(let value): value.serializedBytes()
            case .nearest(let value): value.serializedBytes()
            default: preconditionFailure("only find_trusts and nearest answers are spliced")
            }
        let spliced = ProtoSplice.replacing(field: splicing.field, with: splicing.elements, in: resultBytes)
        // The OK envelope with an empty result of this kind, once per snapshot; its last
        // field is the result.
        let envelope = answers.value(for: .envelope(result.name), in: snapshot) {
            Response(status: .ok, dataVersion: snapshot.version, result: Self.emptied(result)).serializedBytes()
        }
        return ProtoSplice.replacingLastField(with: spliced, in: envelope)
    }

    private static func emptied(_ result: CallResult) -> CallResult {
        switch result {
        case .findTrusts: .findTrusts(FindTrustsResult())
        case .nearest: .nearest(NearestResult())
        default: result
        }
    }
}

/// The answer elements that list a trust.
protocol HasTrust {
    var trust: LeagueWire.Trust { get set }
}

extension TrustMatch: HasTrust {}
