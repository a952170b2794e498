/// The `grpc-timeout` request header: 1 to 8 ASCII digits and a unit
/// (H hours, M minutes, S seconds, m milliseconds, u microseconds, n nanoseconds).
enum GRPCTimeout {
    /// The timeout, or nil when the header is not well formed (gRPC then treats the call
    /// as having no deadline rather than failing it).
    static func parse(_ value: Substring) -> Duration? {
        guard let unit = value.last, (2...9).contains(value.count) else { return nil }
        let digits = value.dropLast()
        guard digits.allSatisfy(\.isASCII), let amount = Int64(digits), amount >= 0 else { return nil }
        switch unit {
        case "H": return .seconds(amount * 3600)  // ≤ 99,999,999 H: no overflow in seconds
        case "M": return .seconds(amount * 60)
        case "S": return .seconds(amount)
        case "m": return .milliseconds(amount)
        case "u": return .microseconds(amount)
        case "n": return .nanoseconds(amount)
        default: return nil
        }
    }
}

/// `grpc-message` is percent-encoded: every byte outside printable ASCII, and `%` itself.
enum GRPCMessageEncoding {
    static func percentEncode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte >= 0x20, byte <= 0x7E, byte != UInt8(ascii: "%") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
