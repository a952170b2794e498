/// The initials people use for hospitals and trusts: "RVI" for the Royal Victoria Infirmary,
/// "QE" for a Queen Elizabeth Hospital, "the JR" for the John Radcliffe Hospital; "UHL" for
/// University Hospitals of Leicester, "LTHT" for Leeds Teaching Hospitals NHS Trust. Only a
/// few are curated (`aliases.csv`), so the index also derives them from every open hospital's
/// and trust's own name (`NameIndex.initialismEntries`).
///
/// Joining words ("and", "of", "the", "upon", "at", "for", "&") are skipped, as people skip
/// them ("Royal Devon and Exeter Hospital" → "RDEH"). A name with a word that does not start
/// with a letter ("Ward 3 Hospital") has none.
public enum NameInitialisms {
    /// A hospital's initials, lowercased, without repeats: those of all its words, 3 to 6
    /// letters ("John Radcliffe Hospital" → "jrh"), and, when "Hospital" follows two to five
    /// words, those before it ("jr"; "qe" for the Queen Elizabeth Hospital Birmingham). Two
    /// letters only before "Hospital" ("MK", "JR"): "CH" for Chard Hospital says too little.
    public static func hospital(_ name: String) -> [String] {
        guard let words = initialWords(of: name) else { return [] }
        var initials = String(words.compactMap { joiningWords.contains($0) ? nil : $0.first })
        var forms: [String] = []
        if (3...6).contains(initials.count) { forms.append(initials) }
        let distinct = words.filter { !joiningWords.contains($0) }
        if let at = distinct.firstIndex(of: "hospital"), (2...5).contains(at) {
            initials = String(initials.prefix(at))
            if !forms.contains(initials) { forms.append(initials) }
        }
        return forms
    }

    /// A trust's initials, lowercased, without repeats, from the words before "NHS" (2 to 6 of
    /// them): alone when 3 letters or more ("University Hospitals of Leicester" → "uhl"), with
    /// "T" for a trust ("Leeds Teaching Hospitals NHS Trust" → "ltht") and "FT" for a foundation
    /// trust ("East Suffolk and North Essex" → "esneft"); and the same with "and" kept as "A",
    /// as some trusts write theirs ("The Shrewsbury and Telford Hospital" → "sath").
    public static func trust(_ name: String) -> [String] {
        guard let words = initialWords(of: name), let nhs = words.firstIndex(of: "nhs") else { return [] }
        let rest = words[(nhs + 1)...]
        let suffixes = rest.contains("foundation") ? ["", "t", "ft"] : rest.contains("trust") ? ["", "t"] : [""]
        var forms: [String] = []
        for keepAnd in [false, true] {
            if keepAnd && !words[..<nhs].contains("and") { continue }
            let core = String(
                words[..<nhs].compactMap { w in
                    w == "and" && keepAnd ? "a" : joiningWords.contains(w) ? nil : w.first
                })
            guard (2...6).contains(core.count) else { continue }
            for suffix in suffixes where core.count + suffix.count >= 3 && !forms.contains(core + suffix) {
                forms.append(core + suffix)
            }
        }
        return forms
    }

    /// Words left out of initials.
    static let joiningWords: Set<String> = ["and", "of", "the", "upon", "on", "at", "for", "&", "in"]

    /// The name's words, lowercased, letters and digits only ("Guy's" → "guys"); nil when a word
    /// other than a joining word does not start with a letter, or for a name of one word.
    private static func initialWords(of name: String) -> [String]? {
        var words: [String] = []
        for raw in name.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" || $0 == "," }) {
            let word = raw.filter { $0.isLetter || $0.isNumber || $0 == "&" }.lowercased()
            if word.isEmpty { continue }
            if !joiningWords.contains(word) {
                guard let first = word.first, first.isLetter, first.isASCII else { return nil }
            }
            words.append(word)
        }
        return words.filter { !joiningWords.contains($0) }.count >= 2 ? words : nil
    }
}
