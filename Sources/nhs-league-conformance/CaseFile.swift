/// Reads `clients/conformance/cases.txt`: `NAME EXPECTED_CODE CALL [field=value ...]`,
/// with the same tokenising rules as the Python reference runner (see its README).
struct ConformanceCase {
    var name: String
    var call: String
    var arguments: [(key: String, value: String)]
    var rawHex: String
    var location: String
}

enum CaseFile {
    static func parse(_ text: String, path: String) throws -> [ConformanceCase] {
        var cases: [ConformanceCase] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let where_ = "\(path):\(offset + 1)"
            let tokens = try tokenize(String(line), where: where_)
            if tokens.isEmpty { continue }
            guard tokens.count >= 3 else { throw RunnerError("\(where_): expected NAME EXPECTED_CODE CALL [ARGS]") }
            var arguments: [(String, String)] = []
            if tokens[2] != "raw" {
                for token in tokens.dropFirst(3) {
                    guard let eq = token.firstIndex(of: "=") else {
                        throw RunnerError("\(where_): bad argument `\(token)`")
                    }
                    arguments.append((String(token[..<eq]), String(token[token.index(after: eq)...])))
                }
            }
            cases.append(
                ConformanceCase(
                    name: tokens[0], call: tokens[2], arguments: arguments,
                    rawHex: tokens[2] == "raw" ? tokens.dropFirst(3).joined() : "", location: where_))
        }
        return cases
    }

    /// Blank-separated tokens; "..." groups (with \" and \\ escapes) may hold blanks;
    /// a token starting with # starts a comment.
    static func tokenize(_ line: String, where: String) throws -> [String] {
        let chars = Array(line)
        var tokens: [String] = []
        var i = 0
        let blanks: Set<Character> = [" ", "\t", "\r", "\n"]
        while true {
            while i < chars.count, blanks.contains(chars[i]) { i += 1 }
            if i >= chars.count || chars[i] == "#" { return tokens }
            var token = ""
            var quoted = false
            while i < chars.count, quoted || !blanks.contains(chars[i]) {
                var ch = chars[i]
                if ch == "\"" {
                    quoted.toggle()
                    i += 1
                    continue
                }
                if quoted, ch == "\\", i + 1 < chars.count, chars[i + 1] == "\"" || chars[i + 1] == "\\" {
                    i += 1
                    ch = chars[i]
                }
                token.append(ch)
                i += 1
            }
            if quoted { throw RunnerError("\(`where`): unterminated quote") }
            tokens.append(token)
        }
    }
}

struct RunnerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
