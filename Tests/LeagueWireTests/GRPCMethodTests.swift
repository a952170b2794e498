import LeagueWire
import NIOCore
import ProtobufCRuntime
import Testing

/// The generated gRPC method table and the envelope it relies on: each RPC's messages are
/// the `Request.call` / `Response.result` members with its field number.
@Suite("GRPCMethod envelope")
struct GRPCMethodTests {
    /// The top-level length-delimited field numbers of an encoding that name a method.
    private static func methods(in encoding: [UInt8]) -> [(GRPCMethod, ByteBuffer)] {
        var reader = ProtobufFieldReader(encoding)
        var out: [(GRPCMethod, ByteBuffer)] = []
        while let (number, value) = reader.next() {
            if case .lengthDelimited(let body) = value,
                let method = GRPCMethod.leagueMethods.first(where: { $0.envelopeField == number })
            {
                out.append((method, body))
            }
        }
        return out
    }

    @Test("method paths and field numbers are unique")
    func unique() {
        let methods = GRPCMethod.leagueMethods
        #expect(Set(methods.map(\.path)).count == methods.count)
        #expect(Set(methods.map(\.envelopeField)).count == methods.count)
        #expect(methods.allSatisfy { $0.path == "/nhs.league.v1.League/\($0.name)" })
    }

    @Test("every call has exactly one RPC, and its message wraps back into the same call", arguments: Fixtures.requests)
    func wrap(_ fixture: (String, Request)) throws {
        let (_, request) = fixture
        let found = Self.methods(in: request.serializedBytes())
        if case .unset = request.call {
            #expect(found.isEmpty)
            return
        }
        try #require(found.count == 1, "call \(request.call.name) has no RPC in the method table")
        let (method, message) = found[0]
        let wrapped = try method.request(wrapping: message)
        #expect(wrapped == Request(call: request.call))
    }

    @Test(
        "the framed result is the Response.result member of the method's number behind a gRPC prefix, with the data version",
        arguments: Fixtures.responses)
    func framedResult(_ fixture: (String, Response)) {
        let (_, response) = fixture
        for id: UInt64 in [0, 1, 300] {  // the id in front of the envelope moves every offset
            var encoded = response
            encoded.id = id
            let bytes = encoded.serializedBytes()
            for method in GRPCMethod.leagueMethods {
                let (dataVersion, framed) = method.framedResultMessage(ofEncoded: EncodedBody(bytes))
                // The oracle: the envelope's own fields, read independently of GRPCMethod.
                let member = Self.methods(in: bytes).last { $0.0 == method }?.1
                #expect(dataVersion == response.dataVersion)
                var expected: ByteBuffer?
                if let member {
                    var prefixed = ByteBuffer()
                    prefixed.writeInteger(UInt8(0))
                    prefixed.writeInteger(UInt32(member.readableBytes))
                    prefixed.writeImmutableBuffer(member)
                    expected = prefixed
                }
                #expect(framed == expected, "\(method.name), id \(id)")
            }
        }
    }

    @Test("bytes that are not the method's message are refused")
    func malformed() {
        let method = GRPCMethod.leagueMethods[1]
        #expect(throws: WireError.self) { try method.request(wrapping: ByteBuffer(bytes: [0x0a, 0xff, 0xff, 0xff])) }
    }
}
