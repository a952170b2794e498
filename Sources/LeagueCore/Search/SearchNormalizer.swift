import Foundation

/// Turns names and queries into comparable word tokens.
///
/// - lower case; diacritics folded (é → e); only letters and digits kept;
/// - apostrophes dropped inside words (King's → kings, St Thomas' → thomas);
/// - `&` → `and`; all other punctuation separates words;
/// - a few spelling variants unified (St/St./Saint, Gt/Great, county abbreviations
///   such as Staffs → staffordshire, Hospitals → hospital).
public enum SearchNormalizer {
    /// Words that say what kind of organisation something is rather than which one.
    /// They still count, but with a small weight (see `NameIndex`).
    public static let weakWords: Set<String> = [
        "nhs", "foundation", "trust", "trusts", "ft", "hospital", "university", "the", "of", "and",
        "for", "at", "in", "on", "upon", "a", "healthcare", "health", "care", "services", "service",
        "teaching",
    ]

    /// Spelling variants mapped to one form (applied to names and queries alike).
    public static let synonyms: [String: String] = [
        "st": "saint", "gt": "great", "hosp": "hospital", "hospitals": "hospital", "hsptl": "hospital",
        "uni": "university", "univ": "university", "gen": "general", "infy": "infirmary",
        "ctr": "centre", "center": "centre", "childrens": "childrens", "children": "childrens",
        "womens": "womens", "women": "womens",
        // county abbreviations in everyday British use
        "staffs": "staffordshire", "yorks": "yorkshire", "lincs": "lincolnshire",
        "herts": "hertfordshire", "bucks": "buckinghamshire", "beds": "bedfordshire",
        "glos": "gloucestershire", "gloucs": "gloucestershire", "hants": "hampshire",
        "wilts": "wiltshire", "lancs": "lancashire", "northants": "northamptonshire",
        "cambs": "cambridgeshire", "worcs": "worcestershire", "warks": "warwickshire",
        "oxon": "oxfordshire", "derbys": "derbyshire", "leics": "leicestershire",
        "shrops": "shropshire", "notts": "nottinghamshire", "berks": "berkshire",
    ]

    /// The normalised words of `text`, in order (duplicates kept).
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        out.reserveCapacity(8)
        // ASCII text (nearly every name and query) is read in place, without a copy.
        var t = text
        let isASCII = t.withUTF8 { bytes -> Bool in
            for b in bytes where b >= 0x80 { return false }
            scan(bytes, into: &out)
            return true
        }
        if isASCII { return out }
        for apostrophe in ["\u{2019}", "\u{2018}", "\u{02BC}", "\u{00B4}"] {
            t = t.replacingOccurrences(of: apostrophe, with: "")
        }
        t = t.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var lower = t.lowercased()
        lower.withUTF8 { scan($0, into: &out) }
        return out
    }

    /// Appends the words of `bytes` to `out` (the rules of `tokens`): each word is gathered in
    /// one buffer on the stack (no word is longer than the text), not appended byte by byte to
    /// an array.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [String]) {
        guard !bytes.isEmpty else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { word in
            var count = 0
            func flush() {
                guard count > 0 else { return }
                let letters = UnsafeBufferPointer(rebasing: word[0..<count])
                let w = String(decoding: letters, as: UTF8.self)
                // Most words cannot be a spelling variant (`mayBeSynonym`): not hashed for the lookup.
                out.append(mayBeSynonym(letters) ? synonyms[w] ?? w : w)
                count = 0
            }
            for b in bytes {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    word[count] = b
                    count += 1
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    word[count] = b | 0x20
                    count += 1
                case UInt8(ascii: "'"), UInt8(ascii: "`"):
                    continue  // inside a word: King's -> kings
                case UInt8(ascii: "&"):
                    flush()
                    out.append("and")
                case 0x80...:
                    word[count] = b  // non-ASCII left after folding: keep as part of the word
                    count += 1
                default:
                    flush()
                }
            }
            flush()
        }
    }

    /// For each first letter a to z, one bit per length (below 64) of a `synonyms` key with that
    /// letter and length. Every key is lower-case ASCII letters (`LoadFastPathTests`).
    static let synonymShapes: [UInt64] = {
        var shapes = [UInt64](repeating: 0, count: 26)
        for key in synonyms.keys {
            let bytes = Array(key.utf8)
            shapes[Int(bytes[0] - UInt8(ascii: "a"))] |= 1 << UInt64(bytes.count)
        }
        return shapes
    }()

    /// False when no `synonyms` key has this word's first letter and length, so the word is its
    /// own form (a dictionary lookup hashes the whole word; this reads one byte and the length).
    static func mayBeSynonym(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = word.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"), word.count < 64 else {
            return false
        }
        return synonymShapes[Int(first - UInt8(ascii: "a"))] & (1 << UInt64(word.count)) != 0
    }

    static func mayBeSynonym(_ word: [UInt8]) -> Bool { word.withUnsafeBufferPointer { mayBeSynonym($0) } }

    /// The normalised text: tokens joined by single spaces.
    public static func normalize(_ text: String) -> String {
        tokens(text).joined(separator: " ")
    }

    public static func isWeak(_ token: String) -> Bool { weakWords.contains(token) }
}

/// Optimal string alignment distance (Damerau–Levenshtein where a transposition of two
/// adjacent letters counts as one edit), with an upper bound for early exit.
enum EditDistance {
    /// The distance between `a` and `b` if it is at most `bound`, else nil.
    static func bounded(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, bound: Int) -> Int? {
        let n = a.count, m = b.count
        if abs(n - m) > bound { return nil }
        if n == 0 { return m <= bound ? m : nil }
        if m == 0 { return n <= bound ? n : nil }
        // three rows of m+1, on the stack for short words
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { buf -> Int? in
            var prev2 = buf.baseAddress!
            var prev = prev2 + (m + 1)
            var cur = prev + (m + 1)
            for j in 0...m { prev[j] = j; prev2[j] = 0 }
            for i in 1...n {
                cur[0] = i
                var rowMin = i
                let ai = a[i - 1]
                for j in 1...m {
                    let cost = ai == b[j - 1] ? 0 : 1
                    var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                    if i > 1, j > 1, ai == b[j - 2], a[i - 2] == b[j - 1] {
                        v = min(v, prev2[j - 2] + 1)
                    }
                    cur[j] = v
                    if v < rowMin { rowMin = v }
                }
                if rowMin > bound { return nil }
                let t = prev2; prev2 = prev; prev = cur; cur = t
            }
            let d = prev[m]
            return d <= bound ? d : nil
        }
    }

    /// The smallest distance between `a` and any prefix of `b` (for typo-tolerant type-ahead),
    /// if at most `bound`.
    static func boundedPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, bound: Int) -> Int? {
        let n = a.count
        let m = min(b.count, n + bound)
        if n == 0 { return 0 }
        if m + bound < n { return nil }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { buf -> Int? in
            var prev2 = buf.baseAddress!
            var prev = prev2 + (m + 1)
            var cur = prev + (m + 1)
            for j in 0...m { prev[j] = j; prev2[j] = 0 }
            for i in 1...n {
                cur[0] = i
                var rowMin = i
                let ai = a[i - 1]
                if m >= 1 {
                    for j in 1...m {
                        let cost = ai == b[j - 1] ? 0 : 1
                        var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                        if i > 1, j > 1, ai == b[j - 2], a[i - 2] == b[j - 1] {
                            v = min(v, prev2[j - 2] + 1)
                        }
                        cur[j] = v
                        if v < rowMin { rowMin = v }
                    }
                }
                if rowMin > bound { return nil }
                let t = prev2; prev2 = prev; prev = cur; cur = t
            }
            var best = Int.max
            for j in 0...m where prev[j] < best { best = prev[j] }
            return best <= bound ? best : nil
        }
    }

    /// Convenience for tests.
    static func distance(_ a: String, _ b: String, bound: Int = 64) -> Int? {
        let x = Array(a.utf8), y = Array(b.utf8)
        return x.withUnsafeBufferPointer { xa in y.withUnsafeBufferPointer { ya in bounded(xa, ya, bound: bound) } }
    }

    /// Typos allowed for a word of this length (Meilisearch's rule): 0 below 5 letters,
    /// 1 from 5, 2 from 9.
    static func allowedEdits(forLength n: Int) -> Int {
        n >= 9 ? 2 : (n >= 5 ? 1 : 0)
    }
}
