import NIOHPACK
import Testing

@testable import LeagueServer

/// The request fields a gRPC call reads, checked by the server itself since swift-nio-http2's
/// header block validation is off (`GRPCTransport`).
@Suite("gRPC request head")
struct GRPCRequestHeadTests {
    /// What grpcio sends for a unary call, in its order.
    static let wellFormed: HPACKHeaders = [
        ":method": "POST", ":scheme": "http", ":path": "/nhs.league.v1.League/GetTrust", ":authority": "x",
        "te": "trailers", "content-type": "application/grpc", "user-agent": "grpc-python/1.0", "grpc-timeout": "2S",
    ]

    @Test("a well-formed request's fields are read")
    func wellFormed() {
        let head = GRPCRequestHead(Self.wellFormed)
        #expect(!head.malformed)
        #expect(head.method == "POST")
        #expect(head.path == "/nhs.league.v1.League/GetTrust")
        #expect(head.contentType == "application/grpc")
        #expect(head.timeout == "2S")
    }

    @Test("malformed: te other than trailers, repeated or unknown or late pseudo-headers, connection fields")
    func malformed() {
        let added = [
            ("te", "gzip"), (":method", "POST"), (":path", "/nhs.league.v1.League/ServerInfo"), (":scheme", "https"),
            (":status", "200"), ("connection", "close"), ("keep-alive", "5"), ("transfer-encoding", "chunked"),
            ("upgrade", "h2c"), ("proxy-connection", "x"), ("X-Upper", "1"),
        ]
        for (name, value) in added {
            var headers = Self.wellFormed
            headers.add(name: name, value: value)
            #expect(GRPCRequestHead(headers).malformed, "\(name): \(value)")
        }
    }

    @Test("malformed: a required pseudo-header missing or an empty :path")
    func missing() {
        for name in [":method", ":scheme", ":path"] {
            var headers = Self.wellFormed
            headers.remove(name: name)
            #expect(GRPCRequestHead(headers).malformed, "\(name)")
        }
        var headers = Self.wellFormed
        headers.replaceOrAdd(name: ":path", value: "")
        #expect(GRPCRequestHead(headers).malformed)
        // CONNECT carries neither :scheme nor :path (and is refused with 405 as not POST).
        let connect = GRPCRequestHead([":method": "CONNECT", ":authority": "x:443"])
        #expect(!connect.malformed)
        #expect(connect.method == "CONNECT")
    }
}
