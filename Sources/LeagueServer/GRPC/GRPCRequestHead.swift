import NIOHPACK

/// The request headers a gRPC call reads, taken in one pass over the block: `:method`,
/// `:path`, `content-type`, `te` and `grpc-timeout`; every other field is ignored.
///
/// swift-nio-http2's own header block validation is off (`GRPCTransport`: why there), so
/// these fields are checked here, as strictly as that validation checked them: names are
/// matched exactly (HTTP/2 field names are lowercase, so a "Content-Type" is not one), a
/// second `:method` or `:path` makes the block malformed, and so does a `te` other than
/// "trailers" (RFC 9113 §8.2.2). A malformed block is answered as swift-nio-http2 answered
/// it: RST_STREAM with PROTOCOL_ERROR.
struct GRPCRequestHead {
    var method: String?
    var path: String?
    var contentType: String?
    var timeout: String?
    /// A field we read was repeated where it may not be, or `te` was not "trailers".
    var malformed = false

    init(_ headers: HPACKHeaders) {
        for (name, value, _) in headers {
            // By length first: each field costs one or two short compares, not five.
            switch name.utf8.count {
            case 7 where name == ":method":
                if method != nil { malformed = true }
                method = value
            case 5 where name == ":path":
                if path != nil { malformed = true }
                path = value
            case 12 where name == "content-type":
                if contentType == nil { contentType = value }
            case 12 where name == "grpc-timeout":
                if timeout == nil { timeout = value }
            case 2 where name == "te":
                if value != "trailers" { malformed = true }
            default:
                continue
            }
        }
    }
}
