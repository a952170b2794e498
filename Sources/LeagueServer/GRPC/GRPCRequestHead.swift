import NIOHPACK

/// The request headers a gRPC call reads, taken in one pass over the block: `:method`,
/// `:path`, `content-type`, `te`, `grpc-timeout` and `grpc-encoding`; every other field's value is ignored.
///
/// swift-nio-http2's own header block validation is off (`GRPCTransport`: why there), so the
/// block is checked here for what makes a request malformed (RFC 9113 §8.2, §8.3), in the
/// same pass: a name with an uppercase letter, a connection-specific field, `te` other than
/// "trailers", a pseudo-header that is unknown, repeated or after a regular field, and a
/// missing `:method`, `:scheme` or `:path`. A malformed block is answered as swift-nio-http2
/// answered it: RST_STREAM with PROTOCOL_ERROR. (Not checked: the characters of names and
/// values beyond that; no value but those read here is ever used.)
struct GRPCRequestHead {
    var method: String?
    var path: String?
    var contentType: String?
    var timeout: String?
    /// `grpc-encoding`: how the client's messages flagged compressed are compressed.
    var encoding: String?
    /// The block is not a well-formed HTTP/2 request.
    var malformed = false

    init(_ headers: HPACKHeaders) {
        var scheme = false
        var authority = false
        var regularSeen = false
        for (name, value, _) in headers {
            let utf8 = name.utf8
            if utf8.first == UInt8(ascii: ":") {
                // Pseudo-headers: known, once each, before every regular field.
                if regularSeen { malformed = true }
                switch utf8.count {
                case 7 where name == ":method":
                    if method != nil { malformed = true }
                    method = value
                case 5 where name == ":path":
                    if path != nil || value.isEmpty { malformed = true }
                    path = value
                case 7 where name == ":scheme":
                    if scheme { malformed = true }
                    scheme = true
                case 10 where name == ":authority":
                    if authority { malformed = true }
                    authority = true
                default:
                    malformed = true
                }
                continue
            }
            regularSeen = true
            // HTTP/2 field names are lowercase.
            if utf8.contains(where: { $0 &- UInt8(ascii: "A") < 26 }) { malformed = true }
            // By length first: each field costs one or two short compares.
            switch utf8.count {
            case 12 where name == "content-type":
                if contentType == nil { contentType = value }
            case 12 where name == "grpc-timeout":
                if timeout == nil { timeout = value }
            case 13 where name == "grpc-encoding":
                if encoding == nil { encoding = value }
            case 2 where name == "te":
                if value != "trailers" { malformed = true }
            case 10 where name == "connection" || name == "keep-alive",
                7 where name == "upgrade",
                16 where name == "proxy-connection",
                17 where name == "transfer-encoding":
                malformed = true  // connection-specific: not allowed in HTTP/2
            default:
                continue
            }
        }
        // CONNECT (refused with 405 all the same) is the one request without :scheme and :path.
        if method == nil || (method != "CONNECT" && (path == nil || !scheme)) { malformed = true }
    }
}
