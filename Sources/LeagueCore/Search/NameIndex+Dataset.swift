import Foundation

extension NameIndex {
    /// Builds the index for one dataset snapshot: every trust in `trusts.csv` (display name, ODS
    /// name and ODS code), hospital sites whose current parent trust is known (name and site code), curated aliases
    /// (and, where the alias note spells it out, the name the abbreviation stands for), and the
    /// former names of merged trusts, which lead to the successor.
    public static func build(from dataset: Dataset) -> NameIndex {
        build(from: dataset, siteNames: nil)
    }

    /// `build(from:)`, with every site's names already cleaned and tokenised
    /// (`siteSearchNames(of:)` of `dataset.sites`, computed while the dataset was assembled).
    static func build(from dataset: Dataset, siteNames: SiteSearchNames?) -> NameIndex {
        let (trusts, entries, tokens) = searchEntriesAndTokens(from: dataset, siteNames: siteNames)
        return NameIndex(trusts: trusts, entries: entries, knownTokens: tokens)
    }

    /// Per site, its name and other names as indexed (`siteName`) with their words.
    typealias SiteSearchNames = [[(text: String, tokens: [String])]]

    /// Every site's names, cleaned and tokenised (open or closed: a closed site's are not used).
    /// Independent of everything but the sites, so the loader computes them while it assembles
    /// the `Dataset` (on the other core), not on the index build's path.
    static func siteSearchNames(of sites: [SiteRecord]) -> SiteSearchNames {
        sites.map { searchNames(of: $0) }
    }

    private static func searchNames(of site: SiteRecord) -> [(text: String, tokens: [String])] {
        ([site.name] + site.otherNames).map { name in
            let text = siteName(name)
            return (text, SearchNormalizer.tokens(text))
        }
    }

    /// The trusts and entries `build(from:)` indexes.
    ///
    /// A closed trust is never an answer: its names and code lead to the trust that runs its
    /// services today (the end of its successor chain) as former names. Every open site is indexed
    /// under its main operator (`MainOperatorRule`), with its trust's name and its place words (town,
    /// postcode district local names) as context; clinics and offices weigh a little less than
    /// hospitals and inpatient units (`SiteSearchWeight`).
    public static func searchEntries(from dataset: Dataset) -> (trusts: [SearchTrust], entries: [SearchEntry]) {
        let built = searchEntriesAndTokens(from: dataset, siteNames: nil)
        return (built.trusts, built.entries)
    }

    /// `searchEntries(from:)`, with the words of each site name entry (`SearchNormalizer.tokens`
    /// of its text, nil for the other entries): computed here for merging, so the index does not
    /// tokenise those ~7,000 names again.
    static func searchEntriesAndTokens(from dataset: Dataset, siteNames known: SiteSearchNames?) -> (
        trusts: [SearchTrust], entries: [SearchEntry], tokens: [[String]?]
    ) {
        var trusts: [SearchTrust] = []
        var entries: [SearchEntry] = []
        for t in dataset.trusts {
            let ranked = !(dataset.rankingsByTrust[t.odsCode] ?? []).isEmpty
            trusts.append(
                SearchTrust(odsCode: t.odsCode, displayName: t.displayName, isOpen: t.isOpen, isRanked: ranked))
            if t.isOpen == false || (t.isOpen == nil && dataset.successorsByOldCode[t.odsCode] != nil) {
                for current in dataset.currentTrusts(for: t.odsCode)
                where current != t.odsCode
                    && dataset.trustsByCode[current]?.isOpen != false
                {
                    for text in [t.displayName, t.name, t.odsCode] {
                        entries.append(
                            SearchEntry(text: text, odsCode: current, field: .formerName, formerCode: t.odsCode))
                    }
                }
                continue
            }
            entries.append(SearchEntry(text: t.odsCode, odsCode: t.odsCode, field: .odsCode))
            entries.append(SearchEntry(text: t.displayName, odsCode: t.odsCode, field: .trustName))
            if SearchNormalizer.tokens(t.name) != SearchNormalizer.tokens(t.displayName) {
                entries.append(SearchEntry(text: t.name, odsCode: t.odsCode, field: .trustName))
            }
        }
        // One entry per (main operator, name, place): a trust's many codes at one hospital ("Stepping
        // Hill Hospital" under four trusts' codes, all Stockport's once the main-operator rule has run)
        // answer once, from the best-weighted site. Keeps the index (and every query's work) small.
        var siteEntryAt: [SiteEntryKey: Int] = [:]
        siteEntryAt.reserveCapacity(dataset.sites.count)  // growing rehashes every key
        var siteTokens: [(entry: Int, tokens: [String])] = []
        // Each site's names, cleaned and tokenised: independent per site, so done at the same
        // time on every core (the merging below stays in the sites' order).
        let siteNames =
            known
            ?? Concurrently.map(dataset.sites) { s -> [(text: String, tokens: [String])] in
                dataset.siteOperators[s.siteCode] != nil ? searchNames(of: s) : []
            }
        for (s, names) in zip(dataset.sites, siteNames) {
            guard let op = dataset.siteOperators[s.siteCode] else { continue }  // closed sites are not indexed
            let main = dataset.currentTrust(for: op.mainOperator).code
            guard let trust = dataset.trustsByCode[main], trust.isOpen != false else { continue }
            let places = s.placeNames.joined(separator: " ")
            let weight = SiteSearchWeight.of(s, runAsInpatientSite: dataset.isRunAsInpatientSite(s))
            for name in names {
                let entry = SearchEntry(
                    text: name.text, odsCode: main, field: .siteName, siteCode: s.siteCode,
                    context: trust.displayName, places: places, weight: weight)
                let key = SiteEntryKey(trust: main, tokens: name.tokens, place: s.postcode ?? s.siteCode)
                if let i = siteEntryAt[key] {
                    if entries[i].weight < weight { entries[i] = entry }
                    continue
                }
                siteEntryAt[key] = entries.count
                siteTokens.append((entries.count, name.tokens))
                entries.append(entry)
            }
            // site codes of hospitals and units (what staff and letters quote); clinic codes are not indexed
            if s.kind.isInpatient {
                entries.append(SearchEntry(text: s.siteCode, odsCode: main, field: .odsCode, siteCode: s.siteCode))
            }
        }
        entries += initialismEntries(from: dataset, names: siteNames)
        entries += townEntries(from: dataset)
        for a in dataset.aliases where dataset.trustsByCode[a.odsCode] != nil {
            let source = "\(a.sourceType) (\(a.sourceURL))"
            let target = dataset.currentTrust(for: a.odsCode).code
            entries.append(
                SearchEntry(
                    text: a.alias, odsCode: target, field: .alias, siteCode: a.siteCode,
                    source: source, isAmbiguous: a.isAmbiguous))
            if let note = a.note, let expansion = acronymExpansion(of: a.alias, in: note) {
                entries.append(
                    SearchEntry(
                        text: expansion, odsCode: target, field: .alias, siteCode: a.siteCode,
                        source: source))
            }
        }
        for s in dataset.successors where dataset.trustsByCode[s.oldCode] == nil {
            // a predecessor known only by its succession row
            let current = dataset.currentTrust(for: s.successorCode).code
            entries.append(SearchEntry(text: s.oldName, odsCode: current, field: .formerName, formerCode: s.oldCode))
        }
        var tokens = [[String]?](repeating: nil, count: entries.count)
        for (entry, words) in siteTokens { tokens[entry] = words }
        return (trusts, entries, tokens)
    }

    /// Every open trust's and hospital's initials (`NameInitialisms`), as aliases: "UHL" and
    /// "LTHT" lead to the trust; "RVI" and "QE Birmingham" to the hospital's main operator, with
    /// the site's trust and places as context, and the answer names the hospital.
    ///
    /// Initials that are also a word of other names are kept: most such words are these very
    /// abbreviations ("QE Surgery at Freeman Hospital", "Haslemere Hospital (RSCH)"), and a name
    /// that is all of the query still comes first. A trust's initials weigh as its name, a
    /// hospital's a little less (`SiteSearchWeight.initials`): "UHL" is University Hospitals of
    /// Leicester before University Hospital Lewisham. Left out: a curated alias (indexed
    /// already, with its source), a trust's ODS code ("RDE" is a trust's code before it is the
    /// Royal Devon and Exeter's initials), and initials the normaliser reads as another word
    /// ("ST" is "saint"). Two letters must explain nearly the whole query (`isAmbiguous`): "HE"
    /// typed on the way to "health" is not the Hertfordshire & Essex Hospital. One entry per
    /// (trust, initials, postcode).
    private static func initialismEntries(
        from dataset: Dataset, names: SiteSearchNames
    ) -> [SearchEntry] {
        let curated = Set(dataset.aliases.flatMap { SearchNormalizer.tokens($0.alias) })
        var seen = Set<String>()
        var out: [SearchEntry] = []
        func add(_ forms: [String], place: String, _ entry: (_ text: String, _ ambiguous: Bool) -> SearchEntry) {
            for initials in forms
            where !curated.contains(initials) && SearchNormalizer.tokens(initials) == [initials]
                && dataset.trustsByCode[initials.uppercased()] == nil
            {
                var made = entry(initials.uppercased(), initials.count < 3)
                made.isInitialism = true
                guard seen.insert("\(made.odsCode) \(initials) \(place)").inserted else { continue }
                out.append(made)
            }
        }
        for t in dataset.trusts
        where t.isOpen == true || (t.isOpen == nil && dataset.successorsByOldCode[t.odsCode] == nil) {
            add(NameInitialisms.trust(t.displayName) + NameInitialisms.trust(t.name), place: "") { text, ambiguous in
                SearchEntry(
                    text: text, odsCode: t.odsCode, field: .alias, source: "initials of \(t.displayName)",
                    isAmbiguous: ambiguous)
            }
        }
        for (s, siteNames) in zip(dataset.sites, names) {
            guard s.kind.isHospital, dataset.isRunAsInpatientSite(s), let name = siteNames.first?.text,
                let op = dataset.siteOperators[s.siteCode]
            else { continue }
            let main = dataset.currentTrust(for: op.mainOperator).code
            guard let trust = dataset.trustsByCode[main], trust.isOpen != false else { continue }
            add(NameInitialisms.hospital(name), place: s.postcode ?? s.siteCode) { text, ambiguous in
                SearchEntry(
                    text: text, odsCode: main, field: .alias, siteCode: s.siteCode,
                    source: "initials of \(name)", isAmbiguous: ambiguous, context: trust.displayName,
                    places: s.placeNames.joined(separator: " "),
                    weight: SiteSearchWeight.of(s, runAsInpatientSite: true) * SiteSearchWeight.initials)
            }
        }
        return out
    }

    /// Where an entry of `townEntries` comes from: its `source` is this and the town.
    public static let townSourcePrefix = "general acute hospital in "

    /// Each town's general acute hospitals, by the town's name: "Kendal" leads to Westmorland
    /// General Hospital (University Hospitals of Morecambe Bay), "Stevenage" to the Lister
    /// Hospital. Patients often type only their town, and its name is rarely in the hospital's:
    /// without these, "kendal" found nothing and "stevenage" an ambulance depot. As aliases of
    /// the hospital, so the answer names it, with its trust and places as context.
    ///
    /// Only hospitals whose trust's ERIC 2021/22 return lists them as general acute hospitals
    /// (the A&E and inpatient hospital people mean by "the hospital in <town>"), open, in
    /// England, by their ODS town and by their postcode district's post town (the town of the
    /// postal address, which people also give: Frimley Park Hospital is in Frimley, post town
    /// Camberley). They weigh less than any name (`SiteSearchWeight.town`): a query that names a
    /// hospital, trust or clinic finds that first, and the town's hospital after it. One entry
    /// per (trust, town).
    private static func townEntries(from dataset: Dataset) -> [SearchEntry] {
        var postTowns: [String: String] = [:]
        for d in dataset.postcodeDistricts { if let town = d.postTown { postTowns[d.code] = town } }
        var seen = Set<String>()
        var out: [SearchEntry] = []
        for s in dataset.sites
        where s.isOpen && !s.kindInferred && s.ericSiteType == "General acute hospital"
            && dataset.sitesOutsideEngland[s.siteCode] == nil
        {
            guard let op = dataset.siteOperators[s.siteCode] else { continue }
            let main = dataset.currentTrust(for: op.mainOperator).code
            guard let trust = dataset.trustsByCode[main], trust.isOpen != false else { continue }
            let postTown = s.postcode.flatMap(Postcode.init).flatMap { postTowns[$0.district] }
            for town in [s.town, postTown].compactMap({ $0?.trimmedSpaces }) where !town.isEmpty {
                guard seen.insert("\(main) \(town.lowercased())").inserted else { continue }
                out.append(
                    SearchEntry(
                        text: town, odsCode: main, field: .alias, siteCode: s.siteCode,
                        source: townSourcePrefix + "\(town) (ERIC 2021/22: \(s.name))", context: trust.displayName,
                        places: s.placeNames.joined(separator: " "), weight: SiteSearchWeight.town))
            }
        }
        return out
    }

    /// One site entry per (main operator, normalised name, postcode or else site code).
    private struct SiteEntryKey: Hashable {
        var trust: String
        var tokens: [String]
        var place: String
    }

    /// A site name without the trust name some sources glue to it
    /// ("Brixham Hospital - Torbay and South Devon NHS Foundation Trust" → "Brixham Hospital",
    /// "Nottingham University Hospitals NHS Trust - City Campus" → "City Campus"), so that the
    /// trust's words do not count twice; the trust's name is still the site's context.
    static func siteName(_ name: String) -> String {
        // Most names have neither a bracket nor a dash: returned as they are, without the
        // Foundation searches below (they ran for every name of ~35,000 sites at each load).
        let bytes = name.utf8
        guard bytes.contains(UInt8(ascii: "(")) || bytes.contains(UInt8(ascii: "-")) else { return name }
        // An ASCII name is cleaned on its bytes (`asciiSiteName`): the Foundation searches below
        // cost ~60,000 instructions a name (~900 names at each load).
        if bytes.allSatisfy({ $0 < 0x80 }) { return asciiSiteName(Array(bytes)) ?? name }
        // a bracketed remark that is not part of the name ("St Mary's Hospital (HQ)")
        var name = name
        if let open = name.range(of: " ("), name.hasSuffix(")") {
            let inner = name[open.upperBound..<name.index(before: name.endIndex)]
            if SiteSearchWeight.bracketRemarks.contains(inner.lowercased()) { name = String(name[..<open.lowerBound]) }
        }
        let parts = name.components(separatedBy: " - ")
        guard parts.count > 1 else { return name }
        let kept = parts.filter { !SearchNormalizer.tokens($0).contains("nhs") }
        return kept.isEmpty ? name : kept.joined(separator: " - ")
    }

    /// `siteName` of an ASCII name, on its bytes: the same steps (the first " (" of a name ending
    /// in ")" opens the remark; parts split on " - " from the left), where every character is one
    /// byte. nil when the name is kept as it is.
    static func asciiSiteName(_ bytes: [UInt8]) -> String? {
        var b = bytes[...]
        var changed = false
        if b.last == UInt8(ascii: ")"),
            let open = b.indices.dropLast().first(where: {
                b[$0] == UInt8(ascii: " ") && b[$0 + 1] == UInt8(ascii: "(")
            })
        {
            let inner = b[(open + 2)..<(b.endIndex - 1)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if SiteSearchWeight.bracketRemarks.contains(String(decoding: inner, as: UTF8.self)) {
                b = b[..<open]
                changed = true
            }
        }
        var parts: [ArraySlice<UInt8>] = []
        var start = b.startIndex, i = b.startIndex
        while i + 3 <= b.endIndex {
            if b[i] == UInt8(ascii: " ") && b[i + 1] == UInt8(ascii: "-") && b[i + 2] == UInt8(ascii: " ") {
                parts.append(b[start..<i])
                i += 3
                start = i
            } else {
                i += 1
            }
        }
        parts.append(b[start...])
        let kept =
            parts.count > 1
            ? parts.filter { !SearchNormalizer.tokens(String(decoding: $0, as: UTF8.self)).contains("nhs") } : []
        if kept.isEmpty || kept.count == parts.count { return changed ? String(decoding: b, as: UTF8.self) : nil }
        return kept.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " - ")
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

/// How much a site's name counts against a hospital of the same name.
public enum SiteSearchWeight {
    /// Clinics and offices: 0.9, so that "Wythenshawe Hospital" (the hospital) comes before
    /// "Wythenshawe Hospital Outpatients" run by the same or another trust, yet a clinic that is the
    /// only match for its name is still found (0.9 keeps it well above the 0.3 coverage floor).
    public static let clinic: Float = 0.9
    /// Hospitals (acute, specialist, community) ERIC lists as such.
    public static let hospital: Float = 1
    /// Mental health, learning disability and other inpatient units ERIC lists: 0.985. A unit another
    /// trust runs inside a hospital often carries the hospital's name ("Stepping Hill Hospital" for
    /// Pennine Care's mental health unit there); the hospital's own trust answers first, the unit's
    /// trust next.
    public static let inpatientUnit: Float = 0.985
    /// Hospitals opened after ERIC 2021/22, known only by their name (kind inferred): 0.97, so a
    /// hospital the trust's own estates return confirms wins a tie of names.
    public static let inferredInpatient: Float = 0.97

    /// A site named as a hospital that ERIC does not list though it existed then is not one the trust
    /// runs as a hospital (another trust's service code inside it, or a private hospital the trust
    /// uses): it weighs as a clinic, and so does one whose operator is not on record
    /// (`Dataset.isRunAsInpatientSite`, the caller's `runAsInpatientSite`).
    public static func of(_ site: SiteRecord, runAsInpatientSite: Bool) -> Float {
        guard runAsInpatientSite else { return clinic }
        if site.kindInferred { return inferredInpatient }
        return site.kind.isHospital ? hospital : inpatientUnit
    }

    /// A hospital's derived initials (`NameInitialisms`): 0.95, so the hospital's own name,
    /// or a curated alias, comes first when both match.
    public static let initials: Float = 0.95

    /// A town's name for its general acute hospital (`NameIndex.townEntries`): 0.95, under a
    /// hospital's or unit's own name (1, 0.985, 0.97), level with initials, and above a clinic's
    /// (0.9): "reading" is the Royal Berkshire Hospital before the University of Reading's
    /// clinic, while "stevenage ambulance depot", which names more, is still the depot.
    public static let town: Float = 0.95

    /// Bracketed remarks ODS appends to a site name that are not part of how people name it.
    static let bracketRemarks: Set<String> = ["hq", "main site", "site", "main", "headquarters"]
}
