import Foundation
import Hummingbird

/// Query parameters as an HTML form sends them (`application/x-www-form-urlencoded`):
/// unlike `uri.queryParameters`, a "+" means a space ("M13+9WL" is "M13 9WL").
struct FormQuery {
    private var values: [String: String] = [:]

    init(_ request: Request) {
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            // The first value wins, as with a single form field.
            if values[name] == nil { values[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
    }

    func get(_ name: String) -> String? { values[name] }
}
