import LeagueCore
import LeagueWire
import ProtobufCRuntime

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
    /// The parameters are `respond(to:receivedAt:timeAllowed:)`'s.
    public func respondEncoded(
        to request: Request, receivedAt: ContinuousClock.Instant = .now, timeAllowed: Duration? = nil
    ) -> EncodedResponse {
        let snapshot = store.current
        do {
            let body = try encodedAnswer(request.call, from: snapshot)
            try Self.checkDeadline(timeAllowed ?? request.timeAllowed, receivedAt: receivedAt)
            return EncodedResponse(id: request.id, body: body)
        } catch {
            return EncodedResponse(failure(error, answering: request, from: snapshot))
        }
    }

    /// The encoded answer (every field but `id`) to `call`, or the error explaining why not.
    func encodedAnswer(_ call: Call, from snapshot: LeagueSnapshot) throws -> EncodedBody {
        switch call {
        case .serverInfo:
            return try EncodedBody(
                answers.value(for: .serverInfo, in: snapshot) { try encodedValueAnswer(call, from: snapshot) })
        case .getTrust(let request):
            return try EncodedBody(perTrust(call, code: request.odsCode, snapshot))
        case .trustHistory(let request):
            return try EncodedBody(perTrust(call, code: request.odsCode, snapshot))
        case .listActions(let request):
            return try EncodedBody(perTrust(call, code: request.odsCode, snapshot))
        case .findTrusts(let request):
            // Cached by request without the trusts it lists (a few hundred bytes per match
            // instead of each trust's whole encoding), so the evaluation set's 538 queries
            // fit the budget; each use writes the trusts' cached encodings in.
            let parts: SplicedAnswer
            if case .spliced(let hit)? = answers.answer(for: call, in: snapshot) {
                parts = hit
            } else {
                parts = try splicedFindTrusts(request, snapshot)
                answers.store(.spliced(parts), for: call, in: snapshot)
            }
            let elements = parts.elements.map { element in
                ListedTrust(trust: trustBytes(element.trustCode, snapshot), rest: element.rest)
            }
            return assembled(
                resultField: parts.resultField, before: parts.before, listField: parts.listField,
                elements: elements, after: parts.after, snapshot)
        case .nearest(let request):
            // Not cached by request: locations rarely repeat (9,117 sectors, 19 kB answers), so
            // a request cache only churned the heap (RSS); what each listed trust brings
            // whatever the query is (`NearbyFragment`).
            return try encodedNearest(request, snapshot: snapshot)
        case .leagueTable:
            return try EncodedBody(perRequest(call, snapshot) { try encodedValueAnswer(call, from: snapshot) })
        default:
            // `unset`, and any call added later: the value path, encoded.
            return try EncodedBody(encodedValueAnswer(call, from: snapshot))
        }
    }

    // Field numbers from proto/nhs/league/v1/league.proto. EncodedAnswerTests checks the
    // spliced answers byte for byte against protobuf-c's encoding of the value path's.
    /// `TrustMatch.trust`, `NearbyTrust.trust`: the trust is field 1 of each element.
    static let elementTrustField = 1
    /// `Response.find_trusts`.
    static let responseFindTrustsField = 12
    /// `FindTrustsResult.matches`.
    static let findTrustsMatchesField = 1

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

    /// A FindTrusts answer kept without its trusts: the result's fields around its matches,
    /// and each match's fields but its trust.
    private func splicedFindTrusts(_ request: FindTrustsRequest, _ snapshot: LeagueSnapshot) throws -> SplicedAnswer {
        var result = try findTrusts(request, snapshot: snapshot, trusts: .codeOnly)
        let elements = result.matches.map { match in
            var match = match
            let code = match.trust.odsCode
            match.trust = LeagueWire.Trust()
            let rest = ProtoSplice.split(match.serializedBytes(), around: Self.elementTrustField).after
            return SplicedAnswer.Element(trustCode: code, rest: rest)
        }
        result.matches = []
        let (before, after) = ProtoSplice.split(result.serializedBytes(), around: Self.findTrustsMatchesField)
        return SplicedAnswer(
            resultField: Self.responseFindTrustsField, before: before, listField: Self.findTrustsMatchesField,
            elements: elements, after: after)
    }

    /// The `Trust` message of trust `code`, encoded once per snapshot.
    func trustBytes(_ code: String, _ snapshot: LeagueSnapshot) -> [UInt8] {
        answers.value(for: .trust(code), in: snapshot) {
            guard let trust = snapshot.dataset.trust(code) else { return LeagueWire.Trust().serializedBytes() }
            return WireMapping.trust(snapshot.queries.summary(of: trust)).serializedBytes()
        }
    }
}
