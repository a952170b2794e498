/// The initials people use for hospitals: "RVI" for the Royal Victoria Infirmary, "LRI" for
/// Leicester Royal Infirmary, "QMC" for Queen's Medical Centre, "JR" for the John Radcliffe
/// Hospital, "QE" for a Queen Elizabeth Hospital. Only a few are curated (`aliases.csv`), so
/// the index also derives them from every open hospital's own name.
///
/// Two forms per name: the initials of all its words ("John Radcliffe Hospital" → "JRH"), and,
/// when "Hospital" follows two words or more, the initials before it ("JR", and "QE" for the
/// Queen Elizabeth Hospital Birmingham).
/// Joining words ("and", "of", "the", "upon", "at", "for", "&") are skipped, as people skip
/// them ("Royal Devon and Exeter Hospital" → "RDEH", "RDE"). A name with a word that does not
/// start with a letter ("Ward 3 Hospital"), or of one word, has none.
public enum HospitalInitialisms {
    /// Fewer letters than these say too little (two letters only before "Hospital": "MK", "JR";
    /// not "CH" for Chard Hospital); more are not how people abbreviate a name.
    static let allWords = 3...6
    static let beforeHospital = 2...5

    /// Words left out of initials.
    static let joiningWords: Set<String> = ["and", "of", "the", "upon", "on", "at", "for", "&", "in"]

    /// The initialisms of `name`, lowercased, all words first, without repeats.
    public static func of(_ name: String) -> [String] {
        var initials: [Character] = []
        var beforeHospitalCount: Int? = nil
        for raw in name.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" }) {
            let word = raw.filter { $0.isLetter || $0.isNumber || $0 == "&" }.lowercased()
            if word.isEmpty || joiningWords.contains(word) { continue }
            guard let first = word.first, first.isLetter, first.isASCII else { return [] }
            if word == "hospital" && beforeHospitalCount == nil { beforeHospitalCount = initials.count }
            initials.append(first)
        }
        var forms: [String] = []
        if allWords.contains(initials.count) { forms.append(String(initials)) }
        if let n = beforeHospitalCount, beforeHospital.contains(n) {
            let head = String(initials.prefix(n))
            if !forms.contains(head) { forms.append(head) }
        }
        return forms
    }
}
