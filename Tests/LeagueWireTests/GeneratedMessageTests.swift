import LeagueWire
import ProtobufCRuntime
import Testing

/// One fixture value of a generated message type, type-erased for parameterised tests.
struct MessageCase: Sendable, CustomTestStringConvertible {
    let name: String
    let roundTrips: @Sendable () throws -> Bool
    let emptyDecodesToDefault: @Sendable () throws -> Bool
    var testDescription: String { self.name }

    init<M: ProtobufMessage>(_ name: String, _ value: M) {
        self.name = name
        self.roundTrips = { try M(serializedBytes: value.serializedBytes()) == value }
        self.emptyDecodesToDefault = { try M(serializedBytes: [UInt8]()) == M() }
    }
}

@Suite("Generated messages")
struct GeneratedMessageTests {
    static let messages: [MessageCase] =
        [
            MessageCase("DomainScore full", Fixtures.domainFull),
            MessageCase("DomainScore zero", Fixtures.domainZero),
            MessageCase("Movement full", Fixtures.movementFull),
            MessageCase("Movement zero", Fixtures.movementZero),
            MessageCase("SegmentGap", Fixtures.gapFull),
            MessageCase("Ranking full", Fixtures.rankingFull),
            MessageCase("Ranking zero", Fixtures.rankingZero),
            MessageCase("HospitalSite full", Fixtures.siteFull),
            MessageCase("HospitalSite zero", Fixtures.siteZero),
            MessageCase("Trust full", Fixtures.trustFull),
            MessageCase("Trust zero", Fixtures.trustZero),
            MessageCase("TableCoverage", Fixtures.coverageFull),
            MessageCase("NearestRequest full", Fixtures.nearestFull),
            MessageCase("NearestRequest zero", Fixtures.nearestZero),
            MessageCase("LeagueTableRequest", Fixtures.leagueTableRequestFull),
            MessageCase("ServerInfo", Fixtures.serverInfoFull),
            MessageCase("TrustDetail", Fixtures.trustDetailFull),
            MessageCase("TrustMatch", Fixtures.trustMatchFull),
            MessageCase("FindTrustsResult", Fixtures.findTrustsResultFull),
            MessageCase("NearestResult", Fixtures.nearestResultFull),
            MessageCase("ListActionsResult", Fixtures.listActionsResultFull),
            MessageCase("LeagueTableResult", Fixtures.leagueTableResultFull),
            MessageCase("TrustHistoryResult", Fixtures.trustHistoryResultFull),
            MessageCase("GetTrustRequest", GetTrustRequest(odsCode: "RP6")),
            MessageCase("ServerInfoRequest", ServerInfoRequest()),
            MessageCase("Status", Status(code: .notFound, message: Fixtures.unicode)),
        ] + Fixtures.requests.map { MessageCase("Request \($0.0)", $0.1) }
        + Fixtures.responses.map { MessageCase("Response \($0.0)", $0.1) }

    @Test("every message survives serializedBytes -> init(serializedBytes:)", arguments: messages)
    func roundTrip(message: MessageCase) throws {
        #expect(try message.roundTrips())
    }

    @Test("an empty body decodes to the Swift default of every message", arguments: messages)
    func emptyBody(message: MessageCase) throws {
        #expect(try message.emptyDecodesToDefault())
    }
}

@Suite("proto3 JSON")
struct ProtoJSONTests {
    static func json(_ write: (inout ProtoJSONWriter) -> Void) -> String {
        var writer = ProtoJSONWriter()
        write(&writer)
        return writer.text
    }

    /// Go's protojson (grpcurl) and Python's json_format agree on these.
    @Test(
        "doubles: shortest digits, plain notation between 1e-6 and 1e21",
        arguments: [
            (1.0, "1"), (0.1, "0.1"), (2.4375, "2.4375"), (-0.0, "-0"), (0, "0"), (1e-5, "0.00001"),
            (1.5e-6, "0.0000015"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (1e20, "100000000000000000000"),
            (1e21, "1e+21"), (123456789012345680, "123456789012345680"), (-53.466485, "-53.466485"),
            (.nan, "\"NaN\""), (.infinity, "\"Infinity\""), (-.infinity, "\"-Infinity\""),
        ] as [(Double, String)]
    )
    func doubles(value: Double, expected: String) {
        #expect(Self.json { $0.double(value) } == expected)
    }

    @Test("strings escape quotes, backslashes and control characters only")
    func strings() {
        #expect(
            Self.json { $0.string("a\"b\\c\n\t\u{1}\u{1F} é 🏥 </script>") }
                == #""a\"b\\c\n\t\u0001\u001f é 🏥 </script>""#)
    }

    @Test(
        "bytes are base64 with padding",
        arguments: [
            ([], ""), ([0], "AA=="), ([0, 1], "AAE="), ([0, 1, 2], "AAEC"), ([255, 254, 253, 252], "//79/A=="),
        ] as [([UInt8], String)])
    func bytes(value: [UInt8], expected: String) {
        #expect(Self.json { $0.bytes(value) } == "\"\(expected)\"")
    }

    @Test("64-bit integers are strings, 32-bit ones numbers")
    func integers() {
        #expect(Response(id: UInt64.max).jsonString().contains(#""id": "18446744073709551615""#))
        var movement = Movement()
        movement.positionsUp = Int32.min
        #expect(movement.jsonString() == "{\n  \"positionsUp\": -2147483648\n}")
    }

    @Test("defaults are omitted; a present optional zero and an always-set message are not")
    func defaults() {
        #expect(DomainScore().jsonString() == "{}")
        #expect(DomainScore(score: 0).jsonString() == "{\n  \"score\": 0\n}")
        #expect(TrustDetail().jsonString() == "{\n  \"trust\": {}\n}")
        #expect(Request(id: 1, call: .serverInfo).jsonString() == "{\n  \"id\": \"1\",\n  \"serverInfo\": {}\n}")
    }

    @Test("enums are written by name; repeated fields as indented arrays")
    func enumsAndArrays() {
        var request = NearestRequest()
        request.tables = [.acute, .nonAcute]
        #expect(
            request.jsonString() == """
                {
                  "tables": [
                    "TABLE_ACUTE",
                    "TABLE_NON_ACUTE"
                  ]
                }
                """)
    }
}
