import Foundation
import LeagueData
import Testing

@testable import LeagueCore

/// The cold-start fast paths give exactly what the general code they bypass gives, and the
/// snapshot's site lookups (positions into one array) answer as the copied dictionaries did.
@Suite struct LoadFastPathTests {
    static let awkwardTexts: [String] = [
        "", " ", "\t", "a", " a ", "\ta\t", "a;b", ";a;;b;", " ; ; ", "Northfield; Birmingham", "a ;b ; c",
        "\u{00A0}a\u{00A0}", " \u{00A0}a", "a\u{2009} ", "\u{3000}x\u{3000}", "é; è ", " e\u{301}; x",
        ";\u{301}a", "RRJ 2; RBK 1", "a\r\nb", "St Mary's Hospital (HQ)", " \u{1680}", "x \u{202F}",
    ]

    @Test func trimmedWhitespaceMatchesFoundation() {
        for text in Self.awkwardTexts {
            #expect(text.trimmedWhitespace == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            let sub = text[...]
            #expect(sub.trimmedWhitespace == sub.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test func splitASCIIMatchesSplit() {
        for text in Self.awkwardTexts {
            for separator in [";", " ", "-"] {
                let byte = separator.utf8.first!
                for omitting in [true, false] {
                    let fast = text.splitASCII(byte, omittingEmptySubsequences: omitting).map(String.init)
                    let general = text.split(separator: Character(separator), omittingEmptySubsequences: omitting)
                        .map(String.init)
                    #expect(fast == general, "\(text.debugDescription) split by \(separator.debugDescription)")
                }
            }
        }
    }

    /// `open_codes_at_postcode` read part by part, as the loader reads what the fast path declines:
    /// the pairs, and whether any part was reported as malformed.
    static func referenceCodeCounts(_ text: String) -> (counts: [String], malformed: Bool) {
        var counts: [String] = []
        var malformed = false
        for part in text.split(separator: ";") {
            let bits = part.split(separator: " ")
            guard bits.count == 2, let n = Int(bits[1]), n > 0 else { malformed = true; continue }
            counts.append("\(bits[0]) \(n)")
        }
        return (counts, malformed)
    }

    @Test(arguments: [
        "", ";", ";;", "RRJ 2", "RRJ 2; RBK 1", "RRJ 2;RBK 1;", ";RRJ 2", "  RRJ   2  ;  RBK 1 ", "RRJ 2; ",
        "RRJ 2; ;RBK 1",
        "RRJ 0", "RRJ -1", "RRJ +1", "RRJ 007", "RRJ", "RRJ 2 3", "RRJ\t2", "RRJ 2\t", "RRJ 1x", "RÉJ 2", "RRJ ２",
        "RRJ 1234567890123456789", "RRJ 123456789012345678", " ", "a b c; d 1",
    ])
    func codeCountsReadFromBytesAreThePartByPartReading(_ text: String) {
        let reference = Self.referenceCodeCounts(text)
        // Declining is always safe (the loader then reads part by part); what is read must be exact.
        guard let fast = Validator.wellFormedCodeCounts(text) else { return }
        #expect(!reference.malformed, "\(text.debugDescription)")
        #expect(fast.map { "\($0.trust) \($0.count)" } == reference.counts, "\(text.debugDescription)")
    }

    @Test func codeCountsOfEveryEmbeddedSiteAreReadFromBytes() throws {
        let data = try Data(contentsOf: EmbeddedDataset.directory.appendingPathComponent("sites.csv"))
        let records = CSVParser.parse(data).records
        let column = try #require(records.first?.fields.firstIndex(of: "open_codes_at_postcode"))
        var read = 0
        for record in records.dropFirst() where !record.fields[column].isEmpty {
            let text = record.fields[column]
            let fast = try #require(Validator.wellFormedCodeCounts(text), "\(text.debugDescription)")
            #expect(fast.map { "\($0.trust) \($0.count)" } == Self.referenceCodeCounts(text).counts)
            read += 1
        }
        #expect(read > 6_000)
    }

    @Test func canonicalDatesParseAsTheGeneralPathDoes() {
        let texts = [
            "2026-03-31", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2026-13-01", "2026-00-10",
            "2026-04-31", "2026-4-30", "+202-01-01", "2026-01-1a", "２026-01-01", "2026/01/01", "2026-01-01 ",
            "0000-01-01", "",
        ]
        for text in texts {
            let general: CalendarDate? = {
                let parts = text.split(separator: "-", omittingEmptySubsequences: false)
                guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                    let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                    (1...12).contains(m), d >= 1, d <= CalendarDate.daysIn(month: m, year: y)
                else { return nil }
                return CalendarDate(year: y, month: m, day: d)
            }()
            #expect(CalendarDate(iso: text) == general, "\(text)")
        }
    }

    @Test func siteNameFastPathKeepsEveryEmbeddedName() {
        // Every site name of the embedded dataset, and names built to reach each branch.
        var names = embeddedSnapshot.dataset.sites.flatMap { [$0.name] + $0.otherNames }
        names += [
            "St Mary's Hospital (HQ)", "Clinic (Main Site)",
            "Brixham Hospital - Torbay and South Devon NHS Foundation Trust",
            "Nottingham University Hospitals NHS Trust - City Campus", "Ward-A (East)", "Hôpital - NHS Trust", "A-B",
            "X (note", "Unit - (Site)", " ()", "A ()", "A (hq) (HQ)", "A (x) (HQ)", "A (Main) - B (HQ)", "(HQ)",
            "A - - B", " - ", "A - ", " - B", "A -  - NHS", "NHS - NHS", "A - NHS Trust - B", "A-NHS - B", "A - B - C",
            "A (HEADQUARTERS)", "A  (HQ)", "A (HQ) ", "A (Site)", "Ward - A (East) - NHS",
        ]
        for name in names {
            var general = name
            if let open = general.range(of: " ("), general.hasSuffix(")") {
                let inner = general[open.upperBound..<general.index(before: general.endIndex)]
                if SiteSearchWeight.bracketRemarks.contains(inner.lowercased()) {
                    general = String(general[..<open.lowerBound])
                }
            }
            let parts = general.components(separatedBy: " - ")
            if parts.count > 1 {
                let kept = parts.filter { !SearchNormalizer.tokens($0).contains("nhs") }
                general = kept.isEmpty ? general : kept.joined(separator: " - ")
            }
            #expect(NameIndex.siteName(name) == general, "\(name)")
        }
    }

    @Test func currentTrustOfEveryCodeFollowsItsChain() throws {
        let dataset = embeddedSnapshot.dataset
        for code in dataset.trusts.map(\.odsCode) + dataset.successors.map(\.oldCode) + ["NOT A CODE", " rbk "] {
            // the chain walked step by step, as `currentTrust` documents it
            var current = Dataset.normaliseCode(code)
            var steps: [String] = []
            var seen: Set<String> = [current]
            while dataset.trustsByCode[current]?.isOpen != true,
                let next = dataset.successorsByOldCode[current]?.first, seen.insert(next.successorCode).inserted
            {
                steps.append(next.successorCode)
                current = next.successorCode
            }
            let answer = dataset.currentTrust(for: code)
            #expect(answer.code == current && answer.steps.map(\.successorCode) == steps, "\(code)")
        }
    }

    @Test func operatorsAreTheRuleAppliedWithEveryNeighbour() {
        // the rule applied as the loader once did: every open site given all open sites at its postcode
        let sites = embeddedSnapshot.dataset.sites
        let byPostcode = Dictionary(grouping: sites.filter { $0.isOpen && $0.postcode != nil }, by: { $0.postcode! })
        let assigned = Dataset.assignOperators(sites)
        var compared = 0, withNeighbours = 0
        for s in sites where s.isOpen && s.currentParentODSCode != nil {
            let neighbours = s.postcode.flatMap { byPostcode[$0] } ?? []
            #expect(assigned[s.siteCode] == MainOperatorRule.operators(of: s, neighbours: neighbours), "\(s.siteCode)")
            compared += 1
            if MainOperatorRule.needsNeighbours(s) { withNeighbours += 1 }
        }
        #expect(assigned.count == compared && compared > 6_000)
        #expect(withNeighbours > 10)  // the rule's second step is exercised
    }

    @Test func siteLookupsAnswerAsCopiesDid() {
        let dataset = embeddedSnapshot.dataset
        #expect(dataset.sitesByCode.count == dataset.sites.count)
        for site in dataset.sites {
            let found = dataset.sitesByCode[site.siteCode]
            #expect(found == site && found?.source == site.source && found?.placeNames == site.placeNames)
        }
        #expect(dataset.sitesByCode["NOT A SITE"] == nil)
        for trust in dataset.trusts {
            let parented = dataset.sites.filter { $0.currentParentODSCode == trust.odsCode }
            #expect(dataset.sites(parent: trust.odsCode).map(\.siteCode) == parented.map(\.siteCode))
            #expect(dataset.siteCount(parent: trust.odsCode) == parented.count)
            let main = dataset.sites.filter {
                $0.isOpen && $0.kind.isInpatient && dataset.siteOperators[$0.siteCode]?.mainOperator == trust.odsCode
                    && dataset.siteOperators[$0.siteCode]?.mainOperatorConfirmed == true
                    && dataset.sitesOutsideEngland[$0.siteCode] == nil
            }.sorted {
                ($0.kind.isHospital ? 0 : 1, $0.kindInferred ? 1 : 0, $0.name) < (
                    $1.kind.isHospital ? 0 : 1, $1.kindInferred ? 1 : 0, $1.name
                )
            }
            #expect(dataset.mainSites(of: trust.odsCode).map(\.siteCode) == main.map(\.siteCode), "\(trust.odsCode)")
        }
    }

    @Test func synonymShapesLetThroughEverySynonym() {
        // The filter may let through words that are no synonym, never a synonym: every key passes.
        for key in SearchNormalizer.synonyms.keys {
            #expect(key.utf8.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }, "\(key)")
            #expect(SearchNormalizer.mayBeSynonym(Array(key.utf8)), "\(key)")
        }
        for word in ["hospital", "saint", "royal", "x", "", "1st", "é", String(repeating: "s", count: 70)] {
            #expect(!SearchNormalizer.mayBeSynonym(Array(word.utf8)) || SearchNormalizer.synonyms[word] == nil)
        }
        #expect(
            SearchNormalizer.tokens("St Thomas' Hosp, Staffs & Women's Ctr") == [
                "saint", "thomas", "hospital", "staffordshire", "and", "womens", "centre",
            ])
        // every word of every embedded site name as the lookup of every word gives it
        for site in embeddedSnapshot.dataset.sites {
            for name in [site.name] + site.otherNames {
                let general = SearchNormalizer.tokens(name).map { SearchNormalizer.synonyms[$0] ?? $0 }
                #expect(SearchNormalizer.tokens(name) == general, "\(name)")
            }
        }
    }

    /// `SearchNormalizer.tokens` as it was before it read words into a stack buffer and skipped
    /// the synonym lookup: bytes appended to an array, every word looked up.
    static func referenceTokens(_ text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(decoding: current, as: UTF8.self)
            out.append(SearchNormalizer.synonyms[word] ?? word)
            current.removeAll(keepingCapacity: true)
        }
        func scan<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for b in bytes {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(b)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(b | 0x20)
                case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
                case UInt8(ascii: "&"):
                    flush()
                    out.append("and")
                case 0x80...: current.append(b)
                default: flush()
                }
            }
            flush()
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            scan(text.utf8)
        } else {
            var t = text
            for apostrophe in ["\u{2019}", "\u{2018}", "\u{02BC}", "\u{00B4}"] {
                t = t.replacingOccurrences(of: apostrophe, with: "")
            }
            t = t.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            scan(t.lowercased().utf8)
        }
        return out
    }

    @Test func tokensAreTheReferenceTokens() {
        let dataset = embeddedSnapshot.dataset
        var texts =
            Self.awkwardTexts + [
                "St Thomas\u{2019} Hosp", "KING'S COLLEGE HOSPITAL", "A&E", "&&", "a & b", "Hôpital Saint-Étienne",
                "ＡＢＣ hospital", "Gt Ormond St", "x\u{301}y", "Uni of Staffs 2nd", "'", "`a`", "straße", "İstanbul",
            ]
        texts += dataset.sites.flatMap { [$0.name] + $0.otherNames + $0.placeNames }
        texts += dataset.trusts.flatMap { [$0.name, $0.displayName] }
        texts += dataset.aliases.map(\.alias)
        for text in texts {
            #expect(SearchNormalizer.tokens(text) == Self.referenceTokens(text), "\(text.debugDescription)")
        }
    }

    @Test func indexBuiltWithKnownTokensIsTheGeneralIndex() {
        let dataset = embeddedSnapshot.dataset
        let (trusts, entries) = NameIndex.searchEntries(from: dataset)
        let general = NameIndex(trusts: trusts, entries: entries)
        let built = NameIndex.searchEntriesAndTokens(from: dataset, siteNames: nil)
        #expect(built.entries == entries)
        for (entry, tokens) in zip(built.entries, built.tokens) where tokens != nil {
            #expect(tokens == SearchNormalizer.tokens(entry.text), "\(entry.text)")
        }
        // with the site names worked out here, and with those the loader works out (every site's)
        let loaded = NameIndex.build(from: dataset, siteNames: NameIndex.siteSearchNames(of: dataset.sites))
        for fast in [NameIndex.build(from: dataset), loaded] {
            #expect(fast.entries == general.entries)
            #expect(fast.termStrings == general.termStrings)
            #expect(fast.postings == general.postings)
            #expect(fast.namePostingCount == general.namePostingCount)
            #expect(fast.termWeight == general.termWeight)
            #expect(fast.entryNameWeight == general.entryNameWeight)
            #expect(fast.entryNameLength == general.entryNameLength)
            #expect(fast.entryTrust == general.entryTrust)
        }
    }

    @Test func indexBuiltOnWordIDsIsTheStringBuiltIndex() {
        let dataset = embeddedSnapshot.dataset
        let (trusts, entries) = NameIndex.searchEntries(from: dataset)
        let reference = NameIndexReferenceBuild(trusts: trusts, entries: entries)
        let loaded = NameIndex.build(from: dataset, siteNames: NameIndex.siteSearchNames(of: dataset.sites))
        #expect(reference.entries.count > 10_000 && reference.termStrings.count > 5_000)
        for index in [NameIndex(trusts: trusts, entries: entries), loaded] {
            #expect(index.entries == reference.entries)
            #expect(index.entryTrust == reference.entryTrust)
            #expect(index.entryNameWeight == reference.entryNameWeight)
            #expect(index.entryNameLength == reference.entryNameLength)
            // words in the same order: search breaks ties on it
            #expect(index.termStrings == reference.termStrings)
            #expect(index.termIsCode == reference.termIsCode)
            #expect(index.termIsWeak == reference.termIsWeak)
            #expect(index.termWeight == reference.termWeight)
            #expect(index.unknownWeight == reference.unknownWeight)
            #expect(index.postings == reference.postings)
            #expect(index.namePostingCount == reference.namePostingCount)
            #expect(index.termIndex.count == reference.termStrings.count)
            for (i, word) in reference.termStrings.enumerated() where index.termIndex[word] != Int32(i) {
                Issue.record("termIndex[\(word)] is \(String(describing: index.termIndex[word])), not \(i)")
            }
        }
    }

    @Test func trustMetricValuesAreTheTrustsRowsOfEveryBlock() {
        let store = embeddedSnapshot.dataset.metrics
        let all = store.blockKeys.flatMap { store.block($0) }
        var byTrust: [String: [MetricValue]] = [:]
        for v in all { byTrust[v.odsCode, default: []].append(v) }
        #expect(Set(store.valuesByTrust.keys) == Set(byTrust.keys))
        for (code, values) in byTrust {
            // (quarter, metric) is unique per trust, so the order below is the only one
            #expect(Set(values.map { "\($0.quarter.label) \($0.metricID)" }).count == values.count, "\(code)")
            let general = values.sorted { ($0.quarter, $0.metricID) < ($1.quarter, $1.metricID) }
            #expect(Array(store.values(ofTrust: code)) == general, "\(code)")
        }
        #expect(store.values(ofTrust: "NOT A TRUST").isEmpty)
    }

    @Test func columnMapFindsWhatTheDictionaryFinds() throws {
        // every header of the embedded files, and made-up ones (gaps from duplicates, "" columns)
        var headers: [[String: Int]] = [
            [:], ["": 0], ["a": 0, "b": 2], ["x": 5],
            Dictionary(uniqueKeysWithValues: (0..<40).map { ("column_\($0)", $0) }),
        ]
        for file in DatasetLoader.fileNames {
            let data = try Data(contentsOf: EmbeddedDataset.directory.appendingPathComponent(file))
            let header = try #require(CSVParser.parse(data).records.first).fields
            headers.append(Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }))
        }
        let others = ["", "a", "b", "x", "ods_code", "name ", "NAME", "latitude", "column_41", "é", "metric_id"]
        for columns in headers {
            let map = ColumnMap(columns)
            for name in Array(columns.keys) + others {
                #expect(map[name] == columns[name], "\(name) in \(columns.keys.sorted())")
            }
        }
    }

    @Test func decimalsReadAsDoubleReadsThem() throws {
        // Every coordinate text of the embedded dataset, and forms on each side of the fast path.
        var texts = [
            "0", "-0", "0.0", "-0.0", ".5", "5.", "-.5", "1.", "00012.50", "51.5072", "-0.1276", "+1.5", "1e5", "1E-3",
            "nan", "inf", "-", ".", "1.2.3", "1,5", " 1.5", "999999999999999", "9999999999999999", "0.1234567890123",
            "1234567890.12345", "0.0000000000000000000001", "0.00000000000000000000001", "１.5", "",
        ]
        for file in ["sites.csv", "postcode_sectors.csv", "postcode_districts.csv", "trusts.csv"] {
            let data = try Data(contentsOf: EmbeddedDataset.directory.appendingPathComponent(file))
            let records = CSVParser.parse(data).records
            let header = try #require(records.first).fields
            for (i, name) in header.enumerated() where name.hasSuffix("latitude") || name.hasSuffix("longitude") {
                texts += records.dropFirst().map { $0.fields[i] }
            }
        }
        #expect(texts.count > 20_000)
        for text in texts {
            let read = Validator.fastDecimal(text) ?? Double(text)
            #expect(read?.bitPattern == Double(text)?.bitPattern, "\(text.debugDescription)")
        }
    }

    /// Made-up CSV texts for the reader: quoting, line ends, errors, blank lines and odd bytes.
    static let awkwardCSV: [[UInt8]] =
        [
            "", "\n", "\r\n", "a", "a,b\n", "a,b\n1,2", "a,b\n1,\n", "a,b\n1,", "a,b\n,\n,,\n", "a\n\n\nb\n\r\nc",
            "a,b\n\"x, y\",\"multi\nline\"\n\"q\"\"uote\",\n", "\"\"\"\"\"\",\"\"\n\"a\"\"\"\"b\",c\r\n",
            "a,b\n1,x\"y\n2,3\n", "a,b\n\"1\"x,2\n3,4\n", "a,b\n\"unterminated,2\n3,4\n", "a,b\n1,\"open\nstill",
            "a,b\r\n1,2\r\n\"x\r\ny\",3\r\n", "a\rb,c\n", "a,b\n\"x\"\r,2\n", "h\n\"\"\n\"\"\"\"\n",
            "é,ü\nSt Mary's,Hôpital\n", "a,b\n\"1\n2\n3\",x\"y\n4,5\n", ",\n,", "\"a\"", "\"a\",", "a,,,\n,,,\n",
        ].map { Array($0.utf8) } + [
            [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n".utf8), [0xEF, 0xBB, 0xBF], [0xEF, 0xBB],
            Array("a,b\n".utf8) + [0xFF, 0x2C, 0xC3, 0x0A] + Array("\"\u{FF}\"\"\",x\n".utf8),
        ]

    @Test func scannedFieldsAreTheReferenceParsersFields() throws {
        var inputs = Self.awkwardCSV.map { Data($0) }
        for file in DatasetLoader.fileNames {
            inputs.append(try Data(contentsOf: EmbeddedDataset.directory.appendingPathComponent(file)))
        }
        var fields = 0
        for data in inputs {
            let reference = CSVParserReference.parse(data)
            let parsed = CSVParser.parse(data)
            #expect(parsed.records == reference.records, "\(String(decoding: data.prefix(80), as: UTF8.self))")
            #expect(parsed.errors == reference.errors, "\(String(decoding: data.prefix(80), as: UTF8.self))")
            // the scan itself: the same records, every field's bytes the reference's text
            let scanned = CSVParser.scan(data)
            #expect(scanned.records.map(\.line) == reference.records.map(\.line))
            #expect(scanned.bounds.count == 2 * reference.records.reduce(0) { $0 + $1.fields.count })
            for (record, expected) in zip(scanned.records, reference.records) {
                #expect(record.count == expected.fields.count)
                for (i, text) in expected.fields.enumerated() {
                    #expect(
                        scanned.withBytes(record.first + i) { Array($0) } == Array(text.utf8)
                            || text.contains("\u{FFFD}"))
                    #expect(scanned.isEmpty(record.first + i) == text.isEmpty)
                    fields += 1
                }
            }
        }
        #expect(fields > 300_000)
    }

    @Test func numbersReadFromBytesAreTheStringPathsNumbers() throws {
        let texts = [
            "", " ", "\t", "1", "0", "-1", "+1", "007", " 12 ", "12 ", "\t3\t", "1.0", "-0", "-0.0", ".5", "5.", "1e3",
            "123456789012345678", "1234567890123456789", "99999999999999999999", "999999999999999", "9999999999999999",
            "0.1234567890123", "nan", "inf", "-", ".", "1.2.3", "1,5", "１", "٣", "Y", "N", "y", "n", " Y", "N ", "Yes",
            "YN", "\u{00A0}1", "1\u{00A0}", "52.420088", "-1.96116", " -1.96116", "2.4", "1.33",
        ]
        let body = texts.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: "\n")
        var v = Validator(issues: [])
        let csv = "x,y\n" + body.replacingOccurrences(of: "\n", with: ",\n") + ",\n"
        let parsed = v.table(["t.csv": Data(csv.utf8)], "t.csv", required: ["x"])
        let table = try #require(parsed)
        let rows = v.rows(table)
        #expect(rows.count == texts.count && v.issues.isEmpty)
        for (row, text) in zip(rows, texts) {
            let t = text.trimmedSpaces
            let blank = t.isEmpty
            // int
            var w = Validator(issues: [])
            let i = w.int(row, "x")
            #expect(i == (blank ? nil : Int(t)), "\(text.debugDescription)")
            #expect(w.issues.map(\.message) == (blank || Int(t) != nil ? [] : ["x '\(t)' is not a whole number"]))
            #expect(w.int(row, at: 0, "x") == i && w.int(row, "absent") == nil)
            // double
            w = Validator(issues: [])
            let d = w.double(row, "x")
            let expected = blank ? nil : (Validator.fastDecimal(t) ?? Double(t)).flatMap { $0.isFinite ? $0 : nil }
            #expect(d?.bitPattern == expected?.bitPattern, "\(text.debugDescription)")
            #expect(w.issues.map(\.message) == (blank || expected != nil ? [] : ["x '\(t)' is not a number"]))
            #expect(w.double(row, "y") == nil && w.double(row, "absent") == nil)
            // flag
            w = Validator(issues: [])
            let f = w.flag(row, "x")
            #expect(f == (t == "Y" ? true : t == "N" ? false : nil), "\(text.debugDescription)")
            #expect(w.issues.map(\.message) == (blank || t == "Y" || t == "N" ? [] : ["x '\(t)' is not Y or N"]))
            // text
            #expect(row.text("x") == text && row.opt("x") == (blank ? nil : t) && row.text("y") == "")
            #expect(row.opt(at: 0) == row.opt("x") && row.opt(at: 2) == nil && row.opt(at: -1) == nil)
        }
    }

    @Test func concurrentMapKeepsTheOrderOfMap() {
        let names = embeddedSnapshot.dataset.sites.map(\.name)
        #expect(Concurrently.map(names, SearchNormalizer.tokens) == names.map(SearchNormalizer.tokens))
        for count in [0, 1, 2, 7, 8, 9, 1_001] {
            let items = Array(0..<count)
            #expect(Concurrently.map(items) { $0 * 3 + 1 } == items.map { $0 * 3 + 1 }, "\(count)")
        }
    }

    @Test func concurrentRunReturnsEachStepsResult() {
        let (a, b) = Concurrently.run({ (1...1_000).reduce(0, +) }, { "b" })
        #expect(a == 500_500 && b == "b")
        let (x, y, z) = Concurrently.run({ [1, 2] }, { 2.5 }, { (1...100).map { $0 * $0 }.reduce(0, +) })
        #expect(x == [1, 2] && y == 2.5 && z == 338_350)
    }
}
