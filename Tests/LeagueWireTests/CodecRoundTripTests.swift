import LeagueWire
import NIOCore
import Testing

@Suite("ProtobufCodec round trips")
struct CodecRoundTripTests {
    @Test("Request survives encode -> decode", arguments: Fixtures.requests)
    func requestRoundTrip(name: String, request: Request) throws {
        let bytes = ProtobufCodec.encode(request)
        #expect(try ProtobufCodec.decodeRequest(bytes) == request)

        // The ByteBuffer paths produce the same bytes and decode the same way.
        var buffer = ByteBuffer()
        ProtobufCodec.encode(request, into: &buffer)
        #expect(Array(buffer.readableBytesView) == bytes)
        #expect(try ProtobufCodec.decodeRequest(buffer) == request)
    }

    @Test("Response survives encode -> decode", arguments: Fixtures.responses)
    func responseRoundTrip(name: String, response: Response) throws {
        let bytes = ProtobufCodec.encode(response)
        #expect(try ProtobufCodec.decodeResponse(bytes) == response)

        var buffer = ByteBuffer()
        ProtobufCodec.encode(response, into: &buffer)
        #expect(Array(buffer.readableBytesView) == bytes)
        #expect(try ProtobufCodec.decodeResponse(buffer) == response)
        // A non-contiguous collection takes the copying path.
        #expect(try ProtobufCodec.decodeResponse(bytes.lazy.map { $0 }) == response)
    }

    @Test("every status code round-trips", arguments: StatusCode.allCases)
    func statusCodes(code: StatusCode) throws {
        let response = Response.error(id: 9, code, "message for \(code)")
        #expect(try ProtobufCodec.decodeResponse(ProtobufCodec.encode(response)) == response)
    }

    @Test("every enum case round-trips")
    func enumCases() throws {
        for table in LeagueTableKind.allCases {
            var request = LeagueTableRequest()
            request.table = table
            let original = Request(id: 1, call: .leagueTable(request))
            #expect(try ProtobufCodec.decodeRequest(ProtobufCodec.encode(original)) == original)
        }
        for kind in MatchKind.allCases {
            for field in MatchField.allCases {
                var match = TrustMatch()
                match.kind = kind
                match.field = field
                var result = FindTrustsResult()
                result.matches = [match]
                let original = Response(id: 1, result: .findTrusts(result))
                #expect(try ProtobufCodec.decodeResponse(ProtobufCodec.encode(original)) == original)
            }
        }
        for precision in LocationPrecision.allCases {
            var result = NearestResult()
            result.location.precision = precision
            let original = Response(id: 1, result: .nearest(result))
            #expect(try ProtobufCodec.decodeResponse(ProtobufCodec.encode(original)) == original)
        }
    }

    @Test("present zeros stay present; unset optionals stay nil")
    func presenceIsPreserved() throws {
        var detail = TrustDetail()
        detail.trust = Fixtures.trustZero
        let decoded = try ProtobufCodec.decodeResponse(ProtobufCodec.encode(Response(id: 1, result: .getTrust(detail))))
        guard case .getTrust(let got) = decoded.result else {
            Issue.record("expected a getTrust result, got \(decoded.result)")
            return
        }
        #expect(got.trust.hqLatitude == 0)
        let ranking = try #require(got.trust.latest)
        #expect(ranking.segment == 0)
        #expect(ranking.leaguePosition == 0)
        #expect(ranking.averageMetricScore == 0)
        #expect(ranking.financialOverride == false)
        #expect(ranking.movement?.positionsUp == 0)
        #expect(ranking.gapToNextSegment == SegmentGap())

        let empty = try ProtobufCodec.decodeResponse(
            ProtobufCodec.encode(Response(id: 1, result: .getTrust(TrustDetail()))))
        guard case .getTrust(let bare) = empty.result else {
            Issue.record("expected a getTrust result, got \(empty.result)")
            return
        }
        #expect(bare.trust.latest == nil)
        #expect(bare.trust.hqLatitude == nil)
    }

    @Test("an empty Request and Response encode to zero bytes and decode back")
    func emptyMessages() throws {
        #expect(ProtobufCodec.encode(Request(id: 0, call: .unset)).isEmpty)
        #expect(try ProtobufCodec.decodeRequest([UInt8]()) == Request(id: 0, call: .unset))
        // Response always carries its status, so it is never empty, but an empty
        // body from a peer is still a valid (all-default) Response.
        #expect(try ProtobufCodec.decodeResponse([UInt8]()) == Response(id: 0))
        #expect(try ProtobufCodec.decodeResponse(ByteBuffer()) == Response(id: 0))
    }

    @Test("decoding reads a ByteBuffer's readable bytes without consuming them")
    func decodeDoesNotMoveReaderIndex() throws {
        let request = Request(id: 77, call: .serverInfo)
        var buffer = ByteBuffer(bytes: [0xAA, 0xBB])
        buffer.moveReaderIndex(forwardBy: 2)
        ProtobufCodec.encode(request, into: &buffer)
        let before = buffer.readerIndex
        #expect(try ProtobufCodec.decodeRequest(buffer) == request)
        #expect(buffer.readerIndex == before)
    }

    @Test("wire bytes match the proto field numbers (hand-checked encoding)")
    func knownEncoding() {
        // id=1 (field 1 varint), deadline_ms=2 (field 2 varint), server_info (field 10, empty message)
        #expect(
            ProtobufCodec.encode(Request(id: 1, deadlineMs: 2, call: .serverInfo)) == [
                0x08, 0x01, 0x10, 0x02, 0x52, 0x00,
            ])
        // get_trust (field 11) { ods_code (field 1) = "RJ1" }
        #expect(
            ProtobufCodec.encode(Request(id: 0, call: .getTrust(GetTrustRequest(odsCode: "RJ1"))))
                == [0x5A, 0x05, 0x0A, 0x03, 0x52, 0x4A, 0x31]
        )
        // id=5, status (field 2) { code (field 1) = 5 NOT_FOUND }
        #expect(ProtobufCodec.encode(Response.error(id: 5, .notFound, "")) == [0x08, 0x05, 0x12, 0x02, 0x08, 0x05])
    }
}
