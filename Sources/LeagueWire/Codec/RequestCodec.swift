import CLeagueProto
import NIOCore

// `Request` <-> protobuf bytes. The server decodes requests; the client encodes them.

extension ProtobufCodec {
    /// The protobuf encoding of `request` (the message body only, no frame header).
    public static func encode(_ request: Request) -> [UInt8] {
        withCArena { arena in
            ProtobufCodec.packedBytes(
                request.cMessage(in: arena),
                size: { nhs__league__v1__request__get_packed_size($0) },
                pack: { nhs__league__v1__request__pack($0, $1) }
            )
        }
    }

    /// Appends the protobuf encoding of `request` (no frame header) to `buffer`.
    public static func encode(_ request: Request, into buffer: inout ByteBuffer) {
        self.encode(request, framed: false, into: &buffer)
    }

    static func encode(_ request: Request, framed: Bool, into buffer: inout ByteBuffer) {
        withCArena { arena in
            ProtobufCodec.packMessage(
                request.cMessage(in: arena),
                framed: framed,
                into: &buffer,
                size: { nhs__league__v1__request__get_packed_size($0) },
                pack: { nhs__league__v1__request__pack($0, $1) }
            )
        }
    }

    /// Decodes a `Request` message body.
    ///
    /// A request whose `call` is missing or unknown to this version decodes with
    /// ``Call/unset`` (answer it UNIMPLEMENTED).
    /// - Throws: ``WireError`` (``WireError/Kind/malformedMessage``, code
    ///   ``StatusCode/invalidArgument``) when the bytes are not a valid `Request`.
    public static func decodeRequest(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> Request {
        try self.unpackMessage(
            bytes,
            messageName: "Request",
            unpack: { nhs__league__v1__request__unpack(nil, $0, $1) },
            freeUnpacked: { nhs__league__v1__request__free_unpacked($0, nil) },
            convert: { Request(cMessage: $0) }
        )
    }

    /// Decodes a `Request` from the readable bytes of `buffer` (a frame's payload),
    /// without moving its reader index.
    public static func decodeRequest(_ buffer: ByteBuffer) throws(WireError) -> Request {
        try buffer.withUnsafeReadableBytes { bytes throws(WireError) in try self.decodeRequest(bytes) }
    }

    /// Decodes a `Request` from any collection of bytes (e.g. `[UInt8]`).
    public static func decodeRequest(_ bytes: some Collection<UInt8>) throws(WireError) -> Request {
        try self.withContiguousBytes(bytes) { raw throws(WireError) in try self.decodeRequest(raw) }
    }
}

extension Request: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__Request> {
        let m = arena.message(nhs__league__v1__request__init)
        m.pointee.id = self.id
        m.pointee.deadline_ms = self.deadlineMs
        switch self.call {
        case .unset:
            break
        case .serverInfo:
            m.pointee.call_case = NHS__LEAGUE__V1__REQUEST__CALL_SERVER_INFO
            m.pointee.server_info = arena.message(nhs__league__v1__server_info_request__init)
        case .getTrust(let call):
            m.pointee.call_case = NHS__LEAGUE__V1__REQUEST__CALL_GET_TRUST
            m.pointee.get_trust = call.cMessage(in: arena)
        case .findTrusts(let call):
            m.pointee.call_case = NHS__LEAGUE__V1__REQUEST__CALL_FIND_TRUSTS
            m.pointee.find_trusts = call.cMessage(in: arena)
        case .nearest(let call):
            m.pointee.call_case = NHS__LEAGUE__V1__REQUEST__CALL_NEAREST
            m.pointee.nearest = call.cMessage(in: arena)
        case .listActions(let call):
            m.pointee.call_case = NHS__LEAGUE__V1__REQUEST__CALL_LIST_ACTIONS
            m.pointee.list_actions = call.cMessage(in: arena)
        case .leagueTable(let call):
            m.pointee.call_case = NHS__LEAGUE__V1__REQUEST__CALL_LEAGUE_TABLE
            m.pointee.league_table = call.cMessage(in: arena)
        case .trustHistory(let call):
            m.pointee.call_case = NHS__LEAGUE__V1__REQUEST__CALL_TRUST_HISTORY
            m.pointee.trust_history = call.cMessage(in: arena)
        case .trustMetrics(let call):
            m.pointee.call_case = NHS__LEAGUE__V1__REQUEST__CALL_TRUST_METRICS
            m.pointee.trust_metrics = call.cMessage(in: arena)
        case .metricTable(let call):
            m.pointee.call_case = NHS__LEAGUE__V1__REQUEST__CALL_METRIC_TABLE
            m.pointee.metric_table = call.cMessage(in: arena)
        case .listMetrics(let call):
            m.pointee.call_case = NHS__LEAGUE__V1__REQUEST__CALL_LIST_METRICS
            m.pointee.list_metrics = call.cMessage(in: arena)
        }
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__Request>) {
        let c = cMessage.pointee
        self.init(id: c.id, deadlineMs: c.deadline_ms, call: Call(protobufC: c))
    }
}

extension Call {
    /// The `call` oneof of an unpacked request. protobuf-c always allocates the
    /// member it sets; a NULL member is still checked so it can never be read.
    init(protobufC c: Nhs__League__V1__Request) {
        switch c.call_case {
        case NHS__LEAGUE__V1__REQUEST__CALL_SERVER_INFO:
            self = .serverInfo
        case NHS__LEAGUE__V1__REQUEST__CALL_GET_TRUST:
            self = c.get_trust.map { .getTrust(GetTrustRequest(cMessage: $0)) } ?? .unset
        case NHS__LEAGUE__V1__REQUEST__CALL_FIND_TRUSTS:
            self = c.find_trusts.map { .findTrusts(FindTrustsRequest(cMessage: $0)) } ?? .unset
        case NHS__LEAGUE__V1__REQUEST__CALL_NEAREST:
            self = c.nearest.map { .nearest(NearestRequest(cMessage: $0)) } ?? .unset
        case NHS__LEAGUE__V1__REQUEST__CALL_LIST_ACTIONS:
            self = c.list_actions.map { .listActions(ListActionsRequest(cMessage: $0)) } ?? .unset
        case NHS__LEAGUE__V1__REQUEST__CALL_LEAGUE_TABLE:
            self = c.league_table.map { .leagueTable(LeagueTableRequest(cMessage: $0)) } ?? .unset
        case NHS__LEAGUE__V1__REQUEST__CALL_TRUST_HISTORY:
            self = c.trust_history.map { .trustHistory(TrustHistoryRequest(cMessage: $0)) } ?? .unset
        case NHS__LEAGUE__V1__REQUEST__CALL_TRUST_METRICS:
            self = c.trust_metrics.map { .trustMetrics(TrustMetricsRequest(cMessage: $0)) } ?? .unset
        case NHS__LEAGUE__V1__REQUEST__CALL_METRIC_TABLE:
            self = c.metric_table.map { .metricTable(MetricTableRequest(cMessage: $0)) } ?? .unset
        case NHS__LEAGUE__V1__REQUEST__CALL_LIST_METRICS:
            self = c.list_metrics.map { .listMetrics(ListMetricsRequest(cMessage: $0)) } ?? .unset
        default:
            // NOT_SET, including a call field this version does not know (protobuf-c
            // keeps unknown fields aside and leaves the oneof unset).
            self = .unset
        }
    }
}
