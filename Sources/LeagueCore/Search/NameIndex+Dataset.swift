import Foundation

extension NameIndex {
    /// Builds the index for one dataset snapshot: every trust in `trusts.csv` (display name, ODS
    /// name and ODS code), hospital sites whose current parent trust is known (name and site code), curated aliases
    /// (and, where the alias note spells it out, the name the abbreviation stands for), and the
    /// former names of merged trusts, which lead to the successor.
    public static func build(from dataset: Dataset) -> NameIndex {
        let (trusts, entries) = searchEntries(from: dataset)
        return NameIndex(trusts: trusts, entries: entries)
    }

    /// The trusts and entries `build(from:)` indexes.
    public static func searchEntries(from dataset: Dataset) -> (trusts: [SearchTrust], entries: [SearchEntry]) {
        var trusts: [SearchTrust] = []
        var entries: [SearchEntry] = []
        for t in dataset.trusts {
            let ranked = !(dataset.rankingsByTrust[t.odsCode] ?? []).isEmpty
            trusts.append(
                SearchTrust(odsCode: t.odsCode, displayName: t.displayName, isOpen: t.isOpen, isRanked: ranked))
            entries.append(SearchEntry(text: t.odsCode, odsCode: t.odsCode, field: .odsCode))
            entries.append(SearchEntry(text: t.displayName, odsCode: t.odsCode, field: .trustName))
            if SearchNormalizer.tokens(t.name) != SearchNormalizer.tokens(t.displayName) {
                entries.append(SearchEntry(text: t.name, odsCode: t.odsCode, field: .trustName))
            }
        }
        for s in dataset.sites {
            // a site with no known current parent is never attributed to a trust
            guard let parent = s.currentParentODSCode, let trust = dataset.trustsByCode[parent] else { continue }
            entries.append(
                SearchEntry(
                    text: siteName(s.name), odsCode: parent, field: .siteName, siteCode: s.siteCode,
                    context: trust.displayName))
            entries.append(SearchEntry(text: s.siteCode, odsCode: parent, field: .odsCode, siteCode: s.siteCode))
        }
        for a in dataset.aliases where dataset.trustsByCode[a.odsCode] != nil {
            let source = "\(a.sourceType) (\(a.sourceURL))"
            entries.append(
                SearchEntry(
                    text: a.alias, odsCode: a.odsCode, field: .alias, siteCode: a.siteCode,
                    source: source, isAmbiguous: a.isAmbiguous))
            if let note = a.note, let expansion = acronymExpansion(of: a.alias, in: note) {
                entries.append(
                    SearchEntry(
                        text: expansion, odsCode: a.odsCode, field: .alias, siteCode: a.siteCode,
                        source: source))
            }
        }
        for s in dataset.successors where dataset.trustsByCode[s.successorCode] != nil {
            let text = dataset.trustsByCode[s.oldCode]?.displayName ?? s.oldName
            entries.append(SearchEntry(text: text, odsCode: s.successorCode, field: .formerName))
        }
        return (trusts, entries)
    }

    /// A site name without the trust name some sources glue to it
    /// ("Brixham Hospital - Torbay and South Devon NHS Foundation Trust" → "Brixham Hospital",
    /// "Nottingham University Hospitals NHS Trust - City Campus" → "City Campus"), so that the
    /// trust's words do not count twice; the trust's name is still the site's context.
    static func siteName(_ name: String) -> String {
        let parts = name.components(separatedBy: " - ")
        guard parts.count > 1 else { return name }
        let kept = parts.filter { !SearchNormalizer.tokens($0).contains("nhs") }
        return kept.isEmpty ? name : kept.joined(separator: " - ")
    }

    /// The words of `note` an abbreviation stands for: the first run of capitalised words whose
    /// initials spell `alias` ("MRI" in "Manchester Royal Infirmary. ..." gives
    /// "Manchester Royal Infirmary"); "and", "of", "the", "upon" and "NHS" may be skipped or used.
    static func acronymExpansion(of alias: String, in note: String) -> String? {
        let letters = Array(alias.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic })
        guard letters.count >= 2 else { return nil }
        let skippable: Set<String> = ["and", "of", "the", "upon", "nhs", "&"]
        let rawWords = note.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        let punctuation = CharacterSet.punctuationCharacters.union(.symbols).subtracting(
            CharacterSet(charactersIn: "'&"))
        for start in rawWords.indices {
            var k = 0
            var used: [String] = []
            var j = start
            while j < rawWords.count, k < letters.count {
                let raw = rawWords[j]
                let word = raw.trimmingCharacters(in: punctuation)
                guard let first = word.unicodeScalars.first else { break }
                let lower = word.lowercased()
                let initial = Unicode.Scalar(first.properties.lowercaseMapping) ?? first
                let capitalised = first.properties.isUppercase
                if initial == letters[k] && (capitalised || skippable.contains(lower))
                    && !(used.isEmpty && !capitalised)
                {
                    used.append(word)
                    k += 1
                } else if !used.isEmpty && skippable.contains(lower) {
                    used.append(word)
                } else {
                    break
                }
                // a sentence or clause ends the name
                if k < letters.count, let last = raw.last, ".,;:()".contains(last) { break }
                j += 1
            }
            if k == letters.count { return used.joined(separator: " ") }
        }
        return nil
    }
}
