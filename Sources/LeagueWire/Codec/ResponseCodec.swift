import CLeagueProto
import NIOCore

// `Response` <-> protobuf bytes. The server encodes responses; the client decodes them.

extension ProtobufCodec {
    /// The protobuf encoding of `response` (the message body only, no frame header).
    public static func encode(_ response: Response) -> [UInt8] {
        withCArena { arena in
            ProtobufCodec.packedBytes(
                response.cMessage(in: arena),
                size: { nhs__league__v1__response__get_packed_size($0) },
                pack: { nhs__league__v1__response__pack($0, $1) }
            )
        }
    }

    /// Appends the protobuf encoding of `response` (no frame header) to `buffer`.
    public static func encode(_ response: Response, into buffer: inout ByteBuffer) {
        self.encode(response, framed: false, into: &buffer)
    }

    static func encode(_ response: Response, framed: Bool, into buffer: inout ByteBuffer) {
        withCArena { arena in
            ProtobufCodec.packMessage(
                response.cMessage(in: arena),
                framed: framed,
                into: &buffer,
                size: { nhs__league__v1__response__get_packed_size($0) },
                pack: { nhs__league__v1__response__pack($0, $1) }
            )
        }
    }

    /// Decodes a `Response` message body.
    ///
    /// A missing `status` reads as OK (the proto3 default); a `result` unknown to
    /// this version reads as ``CallResult/none``; an unknown status code reads as
    /// ``StatusCode/unknown``.
    /// - Throws: ``WireError`` (``WireError/Kind/malformedMessage``, code
    ///   ``StatusCode/invalidArgument``) when the bytes are not a valid `Response`.
    public static func decodeResponse(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> Response {
        try self.unpackMessage(
            bytes,
            messageName: "Response",
            unpack: { nhs__league__v1__response__unpack(nil, $0, $1) },
            freeUnpacked: { nhs__league__v1__response__free_unpacked($0, nil) },
            convert: { Response(cMessage: $0) }
        )
    }

    /// Decodes a `Response` from the readable bytes of `buffer` (a frame's payload),
    /// without moving its reader index.
    public static func decodeResponse(_ buffer: ByteBuffer) throws(WireError) -> Response {
        try buffer.withUnsafeReadableBytes { bytes throws(WireError) in try self.decodeResponse(bytes) }
    }

    /// Decodes a `Response` from any collection of bytes (e.g. `[UInt8]`).
    public static func decodeResponse(_ bytes: some Collection<UInt8>) throws(WireError) -> Response {
        try self.withContiguousBytes(bytes) { raw throws(WireError) in try self.decodeResponse(raw) }
    }
}

extension Status: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__Status> {
        let m = arena.message(nhs__league__v1__status__init)
        m.pointee.code = self.code.protobufC
        m.pointee.message = arena.string(self.message)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__Status>) {
        let c = cMessage.pointee
        self.init(code: StatusCode(protobufC: c.code), message: String(protobufC: c.message))
    }
}

extension Response: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__Response> {
        let m = arena.message(nhs__league__v1__response__init)
        m.pointee.id = self.id
        // Always sent, even when OK, so a reader never has to rely on defaults.
        m.pointee.status = self.status.cMessage(in: arena)
        m.pointee.data_version = arena.string(self.dataVersion)
        switch self.result {
        case .none:
            break
        case .serverInfo(let result):
            m.pointee.result_case = NHS__LEAGUE__V1__RESPONSE__RESULT_SERVER_INFO
            m.pointee.server_info = result.cMessage(in: arena)
        case .getTrust(let result):
            m.pointee.result_case = NHS__LEAGUE__V1__RESPONSE__RESULT_GET_TRUST
            m.pointee.get_trust = result.cMessage(in: arena)
        case .findTrusts(let result):
            m.pointee.result_case = NHS__LEAGUE__V1__RESPONSE__RESULT_FIND_TRUSTS
            m.pointee.find_trusts = result.cMessage(in: arena)
        case .nearest(let result):
            m.pointee.result_case = NHS__LEAGUE__V1__RESPONSE__RESULT_NEAREST
            m.pointee.nearest = result.cMessage(in: arena)
        case .listActions(let result):
            m.pointee.result_case = NHS__LEAGUE__V1__RESPONSE__RESULT_LIST_ACTIONS
            m.pointee.list_actions = result.cMessage(in: arena)
        case .leagueTable(let result):
            m.pointee.result_case = NHS__LEAGUE__V1__RESPONSE__RESULT_LEAGUE_TABLE
            m.pointee.league_table = result.cMessage(in: arena)
        case .trustHistory(let result):
            m.pointee.result_case = NHS__LEAGUE__V1__RESPONSE__RESULT_TRUST_HISTORY
            m.pointee.trust_history = result.cMessage(in: arena)
        case .trustMetrics(let result):
            m.pointee.result_case = NHS__LEAGUE__V1__RESPONSE__RESULT_TRUST_METRICS
            m.pointee.trust_metrics = result.cMessage(in: arena)
        case .metricTable(let result):
            m.pointee.result_case = NHS__LEAGUE__V1__RESPONSE__RESULT_METRIC_TABLE
            m.pointee.metric_table = result.cMessage(in: arena)
        case .listMetrics(let result):
            m.pointee.result_case = NHS__LEAGUE__V1__RESPONSE__RESULT_LIST_METRICS
            m.pointee.list_metrics = result.cMessage(in: arena)
        }
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__Response>) {
        let c = cMessage.pointee
        self.init(
            id: c.id,
            status: c.status.map { Status(cMessage: $0) } ?? .ok,
            dataVersion: String(protobufC: c.data_version),
            result: CallResult(protobufC: c)
        )
    }
}

extension CallResult {
    /// The `result` oneof of an unpacked response (see ``Call/init(protobufC:)``
    /// for why NULL members are still checked).
    init(protobufC c: Nhs__League__V1__Response) {
        switch c.result_case {
        case NHS__LEAGUE__V1__RESPONSE__RESULT_SERVER_INFO:
            self = c.server_info.map { .serverInfo(ServerInfo(cMessage: $0)) } ?? CallResult.none
        case NHS__LEAGUE__V1__RESPONSE__RESULT_GET_TRUST:
            self = c.get_trust.map { .getTrust(TrustDetail(cMessage: $0)) } ?? CallResult.none
        case NHS__LEAGUE__V1__RESPONSE__RESULT_FIND_TRUSTS:
            self = c.find_trusts.map { .findTrusts(FindTrustsResult(cMessage: $0)) } ?? CallResult.none
        case NHS__LEAGUE__V1__RESPONSE__RESULT_NEAREST:
            self = c.nearest.map { .nearest(NearestResult(cMessage: $0)) } ?? CallResult.none
        case NHS__LEAGUE__V1__RESPONSE__RESULT_LIST_ACTIONS:
            self = c.list_actions.map { .listActions(ListActionsResult(cMessage: $0)) } ?? CallResult.none
        case NHS__LEAGUE__V1__RESPONSE__RESULT_LEAGUE_TABLE:
            self = c.league_table.map { .leagueTable(LeagueTableResult(cMessage: $0)) } ?? CallResult.none
        case NHS__LEAGUE__V1__RESPONSE__RESULT_TRUST_HISTORY:
            self = c.trust_history.map { .trustHistory(TrustHistoryResult(cMessage: $0)) } ?? CallResult.none
        case NHS__LEAGUE__V1__RESPONSE__RESULT_TRUST_METRICS:
            self = c.trust_metrics.map { .trustMetrics(TrustMetricsResult(cMessage: $0)) } ?? CallResult.none
        case NHS__LEAGUE__V1__RESPONSE__RESULT_METRIC_TABLE:
            self = c.metric_table.map { .metricTable(MetricTableResult(cMessage: $0)) } ?? CallResult.none
        case NHS__LEAGUE__V1__RESPONSE__RESULT_LIST_METRICS:
            self = c.list_metrics.map { .listMetrics(ListMetricsResult(cMessage: $0)) } ?? CallResult.none
        default:
            self = CallResult.none
        }
    }
}
