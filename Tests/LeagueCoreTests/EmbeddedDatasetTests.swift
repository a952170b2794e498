import Foundation
import LeagueData
import Testing

@testable import LeagueCore

@Suite struct EmbeddedDatasetTests {
    @Test func loadsWithoutIssues() throws {
        let d = try Embedded.dataset()
        #expect(d.quarters.map(\.label) == ["Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "Q4 2025/26", "Q1 2026/27"])
        #expect(d.latestQuarter?.quarter == .q1_2627)
        #expect(d.rankings.count == 1022)
        #expect(d.trusts.count == 278)
        #expect(d.version.hasSuffix("-Q1 2026/27"))
        #expect(d.contentHash.count == 16)
    }

    @Test func versionIsStableAndContentBased() throws {
        let a = try Embedded.dataset()
        let b = try DatasetLoader.load(from: EmbeddedDataset.directory)
        #expect(a.version == b.version)
        let copy = try DatasetCopy()
        defer { copy.remove() }
        #expect(try DatasetLoader.load(from: copy.url).version == a.version)
        try copy.replace(in: "actions.csv", "programme context,,", with: "programme context,,")  // no-op edit
        #expect(try DatasetLoader.load(from: copy.url).version == a.version)
        try copy.replace(in: "aliases.csv", "UCLH,trust", with: "UCLH ,trust")
        #expect(try DatasetLoader.load(from: copy.url).version != a.version)
    }

    @Test(arguments: [
        (Quarter.q1_2526, 1), (.q2_2526, 3), (.q3_2526, 6), (.q4_2526, 6), (.q1_2627, 4),
    ])
    func moorfieldsPositions(quarter: Quarter, position: Int) throws {
        let d = try Embedded.dataset()
        let r = try #require(d.rankings(for: "rp6").first { $0.quarter == quarter })
        #expect(r.table == .acute)
        #expect(r.leaguePosition == position)
        #expect(r.tableSize == 134)
    }

    @Test func moorfieldsLatest() throws {
        let d = try Embedded.dataset()
        let latest = try #require(d.latestRanking(for: "RP6"))
        #expect(latest.isCurrent)
        #expect(latest.note == nil)
        #expect(latest.ranking.quarter.label == "Q1 2026/27")
        #expect(latest.ranking.leaguePosition == 4)
        #expect(latest.ranking.tableSize == 134)
        #expect(d.trust("rp6")?.displayName == "Moorfields Eye Hospital NHS Foundation Trust")
        #expect(d.rankings(for: "RP6").map(\.quarter) == [.q1_2526, .q2_2526, .q3_2526, .q4_2526, .q1_2627])
    }

    @Test(arguments: [
        (Quarter.q1_2526, TableKind.acute, 134), (.q1_2526, .nonAcute, 61), (.q1_2526, .ambulance, 10),
        (.q2_2526, .acute, 134), (.q2_2526, .nonAcute, 61), (.q2_2526, .ambulance, 10),
        (.q3_2526, .acute, 134), (.q3_2526, .nonAcute, 61), (.q3_2526, .ambulance, 10),
        (.q4_2526, .acute, 134), (.q4_2526, .nonAcute, 61), (.q4_2526, .ambulance, 10),
        (.q1_2627, .acute, 134), (.q1_2627, .nonAcute, 58), (.q1_2627, .ambulance, 10),
    ])
    func coverage(quarter: Quarter, table: TableKind, size: Int) throws {
        let d = try Embedded.dataset()
        let c = try #require(d.coverage(quarter: quarter, table: table))
        #expect(c.tableSize == size)
        #expect(c.withPosition == size)
        #expect(c.withSegment == size)
        #expect(c.withScore == size)
        #expect(d.table(table, quarter: quarter).count == size)
        let positions = d.table(table, quarter: quarter).compactMap(\.leaguePosition)
        #expect(positions == positions.sorted())
    }

    @Test func domainCoverage() throws {
        let d = try Embedded.dataset()
        // Acute Q3: 129 trusts from trustpulse + 5 from league_domains_acute.csv.
        #expect(d.coverage(quarter: .q3_2526, table: .acute)?.withDomainScores == 134)
        #expect(d.coverage(quarter: .q1_2526, table: .acute)?.withDomainScores == 134)
        #expect(d.coverage(quarter: .q1_2627, table: .acute)?.withDomainScores == 134)
        #expect(d.coverage.count == 15)
    }

    /// The four acute news disagreements documented in SOURCES.md: the official data stands.
    @Test(arguments: [
        ("RAE", "segment", 3, 2),
        ("RGN", "position", 105, 107),
        ("RRK", "position", 127, 128),
        ("RM1", "position", 111, 11),
    ])
    func officialDataBeatsNews(code: String, field: String, official: Int, news: Int) throws {
        let d = try Embedded.dataset()
        let r = try #require(d.rankings(for: code).first { $0.quarter == .q1_2526 })
        let reports = d.newsReports.filter { $0.odsCode == code && $0.quarter == .q1_2526 }
        let report = try #require(reports.first)
        if field == "segment" {
            #expect(r.segment == official)
            #expect(report.segment == news)
        } else {
            #expect(r.leaguePosition == official)
            #expect(report.leaguePosition == news)
        }
        #expect(official != news)
        #expect(report.comparisonWithOfficial.hasPrefix("differs"))
    }

    @Test func rgnScoreDiffersToo() throws {
        let d = try Embedded.dataset()
        let r = try #require(d.rankings(for: "RGN").first { $0.quarter == .q1_2526 })
        #expect(r.averageMetricScore == 2.62)
        #expect(d.newsReports.first { $0.odsCode == "RGN" }?.averageMetricScore == 2.63)
    }

    @Test func jointPositions() throws {
        let d = try Embedded.dataset()
        let at127 = d.table(.acute, quarter: .q1_2526).filter { $0.leaguePosition == 127 }
        #expect(Set(at127.map(\.odsCode)) == ["RRK", "RXN"])
        #expect(at127.allSatisfy { $0.isJointPosition == true && $0.averageMetricScore == 2.97 })
        let first = try #require(d.table(.acute, quarter: .q1_2526).first)
        #expect(first.odsCode == "RP6")
        #expect(first.isJointPosition == false)
    }

    @Test func blanksStayNil() throws {
        let d = try Embedded.dataset()
        // Non-acute Q1 2025/26: the patient-safety domain score comes from NHS England's
        // trust-data file (OF4002); the league-table file had left it blank.
        let ryx = try #require(d.rankings(for: "RYX").first { $0.quarter == .q1_2526 })
        let safety = try #require(ryx.domains.first { $0.domainKey == "patient_safety" })
        #expect(safety.score != nil)
        #expect(safety.segment == 1)
        #expect(
            ryx.domains.map(\.domainKey) == [
                "access", "effectiveness_experience", "patient_safety", "people_workforce", "finance_productivity",
            ])
        // The Christie (RBV): no access domain published for acute Q1 2025/26.
        let rbv = try #require(d.rankings(for: "RBV").first { $0.quarter == .q1_2526 })
        #expect(!rbv.domains.contains { $0.domainKey == "access" })
        #expect(rbv.domains.count == 4)
        // Acute: unadjusted segment and financial override not transcribed; RSP flag only for Q1-Q2.
        let rp6 = d.rankings(for: "RP6")
        #expect(rp6.allSatisfy { $0.unadjustedSegment == nil && $0.financialOverride == nil })
        #expect(rp6.first { $0.quarter == .q1_2526 }?.recoverySupportProgramme == false)
        #expect(rp6.first { $0.quarter == .q3_2526 }?.recoverySupportProgramme == nil)
        // Manchester R0A's Q2 RSP row was not read: blank, not "no".
        #expect(d.rankings(for: "R0A").first { $0.quarter == .q2_2526 }?.recoverySupportProgramme == nil)
        // Publication date only where a source states it.
        #expect(d.quarterInfo(.q1_2526)?.published?.iso == "2025-09-09")
        #expect(d.quarterInfo(.q1_2627)?.published == nil)
        // RAT HQ postcode has no coordinates in the source.
        #expect(d.trust("RAT")?.hqLatitude == nil)
    }

    @Test(arguments: [("RNK", "G6V2S"), ("RY2", "RWW"), ("RYV", "RY3")])
    func mergedTrustsPointToSuccessor(code: String, successor: String) throws {
        let d = try Embedded.dataset()
        #expect(!d.table(.nonAcute, quarter: .q1_2627).contains { $0.odsCode == code })
        let latest = try #require(d.latestRanking(for: code))
        #expect(!latest.isCurrent)
        #expect(latest.ranking.quarter == .q4_2526)
        #expect(latest.newestPublishedQuarter == .q1_2627)
        #expect(latest.successors.map(\.successorCode) == [successor])
        let note = try #require(latest.note)
        #expect(note.contains("No Q1 2026/27 ranking for \(code)"))
        #expect(note.contains("closed on 2026-03-31"))
        #expect(note.contains("(\(successor)) from 2026-04-01"))
        #expect(d.currentSuccessors(of: code) == [successor])
    }

    @Test(arguments: [
        ("RQ8L0", "RAJ", "nhs_website_derived_parent"), ("RDDH0", "RAJ", "ods_2026_parent_via_successor"),
        ("RC110", "RC9", "ods_2026_parent_via_successor"), ("RW602", "R0A", "nhs_website_derived_parent"),
        ("RVY01", "RBN", "ods_2026_parent_via_successor"),
    ])
    func siteParents(site: String, parent: String, method: String) throws {
        let d = try Embedded.dataset()
        let s = try #require(d.sitesByCode[site])
        #expect(s.currentParentODSCode == parent)
        #expect(s.parentLinkMethod == method)
        #expect(s.isParentDerived)
        #expect(d.sites(parent: parent).contains { $0.siteCode == site })
    }

    /// A site's current trust is open, unless its trust closed with no known successor (RYK, Dudley
    /// Integrated Health and Care, 2024: no succession in the ODS copy here); search never names those.
    @Test func everySiteIsRunByAnOpenTrustOrAnUnresolvedClosure() throws {
        let d = try Embedded.dataset()
        #expect(d.sites.count > 6000)
        let index = NameIndex.build(from: d)
        for s in d.sites {
            let code = try #require(s.currentParentODSCode)
            guard d.trustsByCode[code]?.isOpen == false else { continue }
            #expect(d.currentTrust(for: code).steps.isEmpty, "\(s.siteCode): \(code) is closed but has a successor")
            #expect(code == "RYK", "\(s.siteCode): closed trust \(code)")
            #expect(!(try index.search(s.siteCode).matches.contains { $0.odsCode == code }))
        }
    }

    @Test func lookups() throws {
        let d = try Embedded.dataset()
        #expect(d.aliases(matching: "uclh").map(\.odsCode) == ["RRV"])
        #expect(d.postcodeSectors.first { $0.code == "M13 9" }?.region == "England")
        #expect(d.postcodeDistricts.first { $0.code == "BT1" }?.region == "Northern Ireland")
        #expect(!d.postcodeDistricts.contains { $0.code == "GY1" })  // Channel Islands are not in the UK box
        #expect(d.predecessorsBySuccessorCode["RAJ"]?.map(\.oldCode).sorted().contains("RQ8") == true)
        let qeh = d.actions(for: "RCX")
        #expect(!qeh.isEmpty)
        let dates = qeh.compactMap(\.date)
        #expect(dates == dates.sorted(by: >))
        #expect(d.trust("TAD")?.inODSList == false)
        #expect(d.trust("TAD")?.nofTable == .nonAcute)
    }
}
