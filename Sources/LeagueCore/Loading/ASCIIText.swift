import Foundation

extension Substring {
    /// The text without leading and trailing `CharacterSet.whitespaces` (tab and the Unicode space
    /// separators), exactly as `trimmingCharacters(in: .whitespaces)` returns it.
    ///
    /// Why not call Foundation directly: the loader trims every list item of ~35,000 site rows, and
    /// Foundation bridges each one through `NSString` (386 M of the 2.7 G instructions of a cold
    /// start went there). The only ASCII members of the set are space and tab, so once both ends
    /// are other ASCII bytes the trim is done; an end that is not ASCII goes to Foundation.
    var trimmedWhitespace: String {
        let u = utf8
        var start = u.startIndex
        var end = u.endIndex
        while start < end, u[start] == 0x20 || u[start] == 0x09 { u.formIndex(after: &start) }
        while start < end {
            let last = u.index(before: end)
            guard u[last] == 0x20 || u[last] == 0x09 else { break }
            end = last
        }
        if start == end { return "" }
        if u[start] >= 0x80 || u[u.index(before: end)] >= 0x80 {
            return self[start..<end].trimmingCharacters(in: .whitespaces)
        }
        return String(self[start..<end])
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation when both ends are ASCII
    /// (see `Substring.trimmedWhitespace`).
    var trimmedWhitespace: String { self[...].trimmedWhitespace }
}

extension StringProtocol where SubSequence == Substring {
    /// `split(separator:omittingEmptySubsequences:)` on an ASCII separator, giving the same pieces.
    ///
    /// Why: `split` on a `String` walks `Character`s (grapheme breaking, hundreds of instructions a
    /// character); the loader splits the list fields of every site row. When the text is ASCII,
    /// each byte is one `Character` (CR LF aside, which only a CR or LF separator could tell apart),
    /// so splitting the UTF-8 bytes gives the same pieces; other text takes `split` itself.
    func splitASCII(_ separator: UInt8, omittingEmptySubsequences: Bool = true) -> [Substring] {
        precondition(separator < 0x80 && separator != 0x0A && separator != 0x0D)
        // The usual case: the text's bytes are contiguous (a native string or a slice of one).
        // Scanning them is a few instructions a byte, against ~15 through `String.UTF8View`'s
        // indices; nil when the text is not ASCII.
        let contiguous: [Substring]?? = utf8.withContiguousStorageIfAvailable { b in
            var separators = 0
            for byte in b {
                if byte >= 0x80 { return nil }
                if byte == separator { separators += 1 }
            }
            let u = utf8
            var pieces: [Substring] = []
            pieces.reserveCapacity(separators + 1)
            var start = 0
            func piece(_ end: Int) {
                guard !omittingEmptySubsequences || start < end else { return }
                pieces.append(self[u.index(u.startIndex, offsetBy: start)..<u.index(u.startIndex, offsetBy: end)])
            }
            for i in 0..<b.count where b[i] == separator {
                piece(i)
                start = i + 1
            }
            piece(b.count)
            return pieces
        }
        if case .some(.some(let pieces)) = contiguous { return pieces }
        // Not ASCII, or bytes that are not contiguous (a bridged string): `split` itself gives
        // the pieces by this function's contract, so there is no second byte-walking copy here.
        return split(
            separator: Character(Unicode.Scalar(separator)),
            omittingEmptySubsequences: omittingEmptySubsequences)
    }
}

extension String.UTF8View {
    /// True when `needle` occurs in these bytes.
    func containsSequence(of needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        var i = startIndex
        while i < endIndex {
            if self[i] == first, self[i...].starts(with: needle) { return true }
            formIndex(after: &i)
        }
        return false
    }
}
