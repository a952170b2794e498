import LeagueWire
import NIOCore
import Testing

/// Decoding bytes the codec did not produce: from newer peers, broken peers and
/// plain garbage. None of it may crash; unknowns degrade gracefully; garbage throws.
@Suite("ProtobufCodec robustness")
struct CodecRobustnessTests {
    // MARK: newer peers

    @Test("a Request with no call decodes as .unset")
    func requestWithoutCall() throws {
        #expect(
            try ProtobufCodec.decodeRequest([0x08, 0x05, 0x10, 0x07]) == Request(id: 5, deadlineMs: 7, call: .unset))
    }

    @Test("a call this version does not know (field 17) decodes as .unset")
    func unknownCall() throws {
        // id=5, field 17 (length-delimited, empty): tag (17 << 3 | 2) = 0x8A 0x01
        #expect(try ProtobufCodec.decodeRequest([0x08, 0x05, 0x8A, 0x01, 0x00]) == Request(id: 5, call: .unset))
    }

    @Test("unknown fields inside a known call are ignored")
    func unknownFieldInCall() throws {
        // get_trust { ods_code = "X", field 99 varint = 1 (tag 0x98 0x06) }
        let bytes: [UInt8] = [0x5A, 0x06, 0x0A, 0x01, 0x58, 0x98, 0x06, 0x01]
        #expect(
            try ProtobufCodec.decodeRequest(bytes) == Request(id: 0, call: .getTrust(GetTrustRequest(odsCode: "X"))))
    }

    @Test("a result this version does not know decodes as .none")
    func unknownResult() throws {
        #expect(try ProtobufCodec.decodeResponse([0x08, 0x01, 0x8A, 0x01, 0x00]) == Response(id: 1))
    }

    @Test(
        "unknown status codes read as .unknown",
        arguments: [
            [0x08, 0x07],  // PERMISSION_DENIED: valid gRPC code, not in this proto
            [0x08, 0x10],  // 16, UNAUTHENTICATED
            [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x07],  // Int32.max
            [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],  // -1
        ] as [[UInt8]]
    )
    func unknownStatusCode(status: [UInt8]) throws {
        let bytes: [UInt8] = [0x08, 0x01, 0x12, UInt8(status.count)] + status
        let response = try ProtobufCodec.decodeResponse(bytes)
        #expect(response.status.code == .unknown)
        #expect(response.id == 1)
    }

    @Test("unknown table kinds read as .unspecified, singular and repeated")
    func unknownTableKind() throws {
        // league_table { table = 99 }
        let single = try ProtobufCodec.decodeRequest([0x7A, 0x02, 0x08, 0x63])
        var expected = LeagueTableRequest()
        expected.table = .unspecified
        #expect(single == Request(id: 0, call: .leagueTable(expected)))

        // league_table { table = -1 } (ten-byte varint)
        let negative = try ProtobufCodec.decodeRequest(
            [0x7A, 0x0B, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        )
        #expect(negative == Request(id: 0, call: .leagueTable(expected)))

        // nearest { tables = [1, 99, 3] } packed
        let repeated = try ProtobufCodec.decodeRequest([0x6A, 0x05, 0x2A, 0x03, 0x01, 0x63, 0x03])
        var nearest = NearestRequest()
        nearest.tables = [.acute, .unspecified, .ambulance]
        #expect(repeated == Request(id: 0, call: .nearest(nearest)))

        // the same, unpacked (proto2-style encoding must be accepted too)
        let unpacked = try ProtobufCodec.decodeRequest([0x6A, 0x06, 0x28, 0x01, 0x28, 0x63, 0x28, 0x03])
        #expect(unpacked == Request(id: 0, call: .nearest(nearest)))
    }

    @Test("unknown match kind, match field and precision read as .unspecified")
    func unknownResultEnums() throws {
        // find_trusts { matches { kind = 42, field = 99 } }
        let find = try ProtobufCodec.decodeResponse([0x62, 0x06, 0x0A, 0x04, 0x10, 0x2A, 0x18, 0x63])
        var result = FindTrustsResult()
        result.matches = [TrustMatch()]
        #expect(find == Response(id: 0, result: .findTrusts(result)))

        // nearest { location { precision = 77 } }
        let near = try ProtobufCodec.decodeResponse([0x6A, 0x04, 0x0A, 0x02, 0x20, 0x4D])
        #expect(near == Response(id: 0, result: .nearest(NearestResult())))
    }

    @Test("a Response without status reads as OK (proto3 default)")
    func missingStatus() throws {
        #expect(try ProtobufCodec.decodeResponse([0x08, 0x02]) == Response(id: 2, status: .ok))
    }

    // MARK: strings

    @Test("ill-formed UTF-8 is repaired, never trusted or trapped on")
    func invalidUTF8() throws {
        // get_trust { ods_code = FF FE }
        let request = try ProtobufCodec.decodeRequest([0x5A, 0x04, 0x0A, 0x02, 0xFF, 0xFE])
        #expect(request.call == .getTrust(GetTrustRequest(odsCode: "\u{FFFD}\u{FFFD}")))

        // status { message = C3 28 } (truncated two-byte sequence), data_version = ED A0 80 (a surrogate)
        let response = try ProtobufCodec.decodeResponse([
            0x12, 0x04, 0x12, 0x02, 0xC3, 0x28, 0x1A, 0x03, 0xED, 0xA0, 0x80,
        ])
        #expect(response.status.message == "\u{FFFD}(")
        #expect(!response.dataVersion.isEmpty)
        #expect(response.dataVersion.unicodeScalars.allSatisfy { $0 == "\u{FFFD}" })
    }

    @Test("a string with U+0000 is cut there (protobuf-c strings are NUL-terminated)")
    func embeddedNUL() throws {
        let request = Request(id: 1, call: .getTrust(GetTrustRequest(odsCode: "AB\u{0}CD")))
        let decoded = try ProtobufCodec.decodeRequest(ProtobufCodec.encode(request))
        #expect(decoded.call == .getTrust(GetTrustRequest(odsCode: "AB")))
    }

    // MARK: garbage

    @Test(
        "invalid bytes throw a malformed-message WireError",
        arguments: [
            [0xFF],  // tag varint never ends
            [0x08],  // id with no value
            [0x08, 0x80],  // id varint never ends
            [0x5A, 0x05, 0x01],  // get_trust length beyond the end
            [0x5A, 0x01, 0xFF],  // get_trust body is itself broken
            [0x0E, 0x00],  // wire type 6 does not exist
            [0x0B, 0x0C],  // groups (wire types 3/4) are not protobuf 3
            [0x0A, 0x00],  // id (varint field) sent length-delimited
            [0x11, 0x00, 0x00],  // fixed64 cut short
            Array(repeating: 0xFF, count: 64),
        ] as [[UInt8]]
    )
    func garbageThrows(bytes: [UInt8]) {
        do {
            let request = try ProtobufCodec.decodeRequest(bytes)
            Issue.record("decoding \(bytes) as a Request should have thrown, got \(request)")
        } catch {
            Self.expectMalformed(error)
        }
        do {
            let response = try ProtobufCodec.decodeResponse(bytes)
            Issue.record("decoding \(bytes) as a Response should have thrown, got \(response)")
        } catch {
            Self.expectMalformed(error)
        }
    }

    static func expectMalformed(_ error: WireError, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(error.kind == .malformedMessage, sourceLocation: sourceLocation)
        #expect(error.code == .invalidArgument, sourceLocation: sourceLocation)
        #expect(!error.closesConnection, sourceLocation: sourceLocation)
        #expect(error.status.code == .invalidArgument, sourceLocation: sourceLocation)
        #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
    }

    @Test("every truncation of a valid message decodes or throws, never crashes")
    func truncations() {
        let full = ProtobufCodec.encode(Response(id: 1, result: .leagueTable(Fixtures.leagueTableResultFull)))
        var failures = 0
        for length in 0..<full.count {
            do {
                _ = try ProtobufCodec.decodeResponse(full[..<length])
            } catch {
                failures += 1
            }
        }
        // Most cuts land inside a length-delimited field and must be rejected.
        #expect(failures > full.count / 2)

        let request = ProtobufCodec.encode(Request(id: 1, call: .nearest(Fixtures.nearestFull)))
        for length in 0..<request.count {
            _ = try? ProtobufCodec.decodeRequest(request[..<length])
        }
    }

    @Test("random bytes and random corruptions never crash the decoder")
    func fuzz() {
        var rng = SplitMix64(seed: 0x6E68_735F_6C65_6167)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...96, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = try? ProtobufCodec.decodeRequest(bytes)
            _ = try? ProtobufCodec.decodeResponse(bytes)
        }
        let valid = ProtobufCodec.encode(Response(id: 3, result: .getTrust(Fixtures.trustDetailFull)))
        for _ in 0..<2_000 {
            var corrupted = valid
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                corrupted[Int.random(in: 0..<corrupted.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            _ = try? ProtobufCodec.decodeResponse(corrupted)
        }
    }
}

/// A small seeded generator so the fuzz test is reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { self.state = seed }
    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
