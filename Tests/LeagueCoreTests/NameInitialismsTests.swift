import Testing

@testable import LeagueCore

@Suite("Hospital and trust initials (RVI, QE, the JR, UHL, LTHT)")
struct NameInitialismsTests {
    @Test(
        "the forms derived from a name",
        arguments: [
            ("John Radcliffe Hospital", ["jrh", "jr"]),
            ("The Royal Victoria Infirmary", ["rvi"]),
            ("Queen Elizabeth Hospital Birmingham", ["qehb", "qe"]),
            ("Royal Devon and Exeter Hospital", ["rdeh", "rde"]),
            ("Queen's Medical Centre", ["qmc"]),
            ("Milton Keynes Hospital", ["mkh", "mk"]),
            ("Norfolk & Norwich University Hospital", ["nnuh", "nnu"]),
            // one word before "Hospital" says too little; one word has no initials
            ("Chard Hospital", []),
            ("Southmead", []),
            // a word not starting with a letter: no initials
            ("Ward 3 Hospital", []),
            // more than six letters is not how people abbreviate
            ("Royal National Orthopaedic Centre Stanmore Brockley Hill", []),
        ])
    func hospitalForms(name: String, expected: [String]) {
        #expect(NameInitialisms.hospital(name) == expected)
    }

    @Test(
        "the forms derived from a trust's name",
        arguments: [
            ("University Hospitals of Leicester NHS Trust", ["uhl", "uhlt"]),
            ("Leeds Teaching Hospitals NHS Trust", ["lth", "ltht"]),
            (
                "East Suffolk and North Essex NHS Foundation Trust",
                ["esne", "esnet", "esneft", "esane", "esanet", "esaneft"]
            ),
            ("The Shrewsbury and Telford Hospital NHS Trust", ["sth", "stht", "sath", "satht"]),
            ("West Suffolk NHS Foundation Trust", ["wst", "wsft"]),
            // one word before "NHS" has no initials; nor has a name without "NHS"
            ("Solent NHS Trust", []),
            ("Royal Papworth Hospital", []),
        ])
    func trustForms(name: String, expected: [String]) {
        #expect(NameInitialisms.trust(name) == expected)
    }

    @Test(
        "initials people use find the hospital's or trust's trust first",
        arguments: [
            ("RVI", "RTD"), ("RVI newcastle", "RTD"), ("LRI", "RWE"), ("QE Birmingham", "RRK"),
            ("QEHB", "RRK"), ("JR hospital", "RTH"), ("the JR", "RTH"), ("QA portsmouth", "RHU"),
            ("RUH bath", "RD1"), ("NGH sheffield", "RHQ"), ("GWH swindon", "RN3"), ("RSCH brighton", "RYR"),
            ("RLH", "R1H"), ("UCH", "RRV"), ("MK hospital", "RD8"), ("BRI bristol", "RA7"),
            ("UHL", "RWE"), ("LTHT", "RR8"), ("ESHT", "RXC"), ("SFH", "RK5"), ("ELHT", "RXR"),
            ("ESNEFT", "RDE"), ("UHMB", "RTX"), ("LUHFT", "REM"), ("WSFT", "RGR"), ("UHNM", "RJE"),
            ("UHD", "R0D"), ("SaTH", "RXW"), ("UHCW", "RKB"),
        ])
    func knownInitials(query: String, trust: String) throws {
        let (_, index) = try SearchFixture.get()
        let top = try index.search(query, limit: 5).matches.first
        #expect(top?.odsCode == trust, "\(query) -> \(top?.trustName ?? "nothing")")
        #expect(top?.field == .alias && top?.aliasSource?.hasPrefix("initials of ") == true)
    }

    @Test(
        "initials match only when typed whole: not as a word's beginning, not with a typo",
        arguments: [("asp", "ASPH"), ("langt", "LAGT"), ("esnef", "ESNEFT"), ("uhnmx", "UHNM"), ("rvj", "RVI")])
    func initialsAreExactOnly(query: String, initials: String) throws {
        let (_, index) = try SearchFixture.get()
        let matches = try index.search(query, limit: 50).matches
        #expect(!matches.contains { $0.field == .alias && $0.matchedText == initials }, "\(query)")
        // and typed whole, they are found
        #expect(try index.search(initials, limit: 5).matches.contains { $0.matchedText == initials })
    }

    /// Every trust's and hospital's initials of three letters or more that no other trust's
    /// share, searched on their own: that trust first, for every one of them (initials that are
    /// a trust's ODS code are not indexed: the code answers).
    @Test("every trust's and hospital's own initials, where unique, find the trust first")
    func everyUniqueInitialism() throws {
        let (dataset, index) = try SearchFixture.get()
        let initials = NameIndex.searchEntries(from: dataset).entries.filter {
            $0.field == .alias && $0.source?.hasPrefix("initials of ") == true
        }
        var trustsByText: [String: Set<String>] = [:]
        for e in initials { trustsByText[e.text, default: []].insert(e.odsCode) }
        let unique = trustsByText.filter { $0.key.count >= 3 && $0.value.count == 1 }
        #expect(unique.count > 600, "expected hundreds of trusts' and hospitals' initials, got \(unique.count)")
        var misses: [String] = []
        for (text, trusts) in unique.sorted(by: { $0.key < $1.key }) {
            let top = try index.search(text, limit: 5).matches.first?.odsCode
            if top != trusts.first { misses.append("\(text): expected \(trusts.first!), got \(top ?? "nothing")") }
        }
        print(
            "initials: \(unique.count - misses.count)/\(unique.count) unique initials find their trust first")
        #expect(misses.isEmpty, "\(misses)")
    }
}
