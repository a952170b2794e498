import Foundation
import LeagueData
import Testing

@testable import LeagueCore

/// One kind of corruption, written into a copy of the embedded dataset.
enum Corruption: String, CaseIterable, Sendable {
    case badQuoting, unterminatedQuote, wrongFieldCount, missingColumn, missingFile
    case duplicateTrust, duplicateRanking, duplicateDomainResult, duplicateSite, duplicateAlias
    case unknownCodeInRankings, unknownCodeInActions, unknownCodeInAliases, unknownSiteParent, unknownCodeInSuccessors
    case segmentOutOfRange, positionAboveTableSize, positionBelowOne, tableSizeMismatch, jointFlagWrong
    case scoreOutOfRange, domainScoreOutOfRange, domainSegmentOutOfRange
    case trustCoordinatesOutsideUK, siteCoordinatesOutsideUK, sectorCoordinatesOutsideUK
    case rankingForClosedTrust, unknownQuarter, unknownDomainKey, badDate

    static let rp6Q1 = "Q1 2025/26,acute,134,RP6,"

    /// Applies the corruption; returns the exact issue expected among those reported.
    func apply(to c: DatasetCopy) throws -> String {
        switch self {
        case .badQuoting:
            let l = try c.editLine("aliases.csv", startingWith: "GSTT,", replacing: "GSTT,", with: "GS\"TT,")
            return "aliases.csv:\(l): malformed CSV: quote inside an unquoted field"
        case .unterminatedQuote:
            var text = try c.read("news_crosscheck.csv")
            let l = text.filter { $0 == "\n" }.count + 1
            text += "Q1 2025/26,acute,134,RP6,\"Moorfields Eye Hospital,1\n"
            try c.write("news_crosscheck.csv", text)
            return "news_crosscheck.csv:\(l): malformed CSV: unterminated quoted field"
        case .wrongFieldCount:
            let l = try c.editLine("aliases.csv", startingWith: "GSTT,", replacing: "GSTT,", with: "GSTT,extra,")
            return "aliases.csv:\(l): expected 8 fields, found 9"
        case .missingColumn:
            try c.editLine("rankings.csv", startingWith: "quarter,", replacing: ",segment,", with: ",segmnt,")
            return "rankings.csv:1: missing required column 'segment'"
        case .missingFile:
            try FileManager.default.removeItem(at: c.url.appendingPathComponent("successors.csv"))
            return "successors.csv:0: file is missing or unreadable"
        case .duplicateTrust:
            let (a, b) = try c.duplicateLine("trusts.csv", startingWith: "RP6,")
            return "trusts.csv:\(b): duplicate trust code RP6 (first on line \(a))"
        case .duplicateRanking:
            let (a, b) = try c.duplicateLine("rankings.csv", startingWith: Corruption.rp6Q1)
            return "rankings.csv:\(b): duplicate ranking Q1 2025/26 acute RP6 (first on line \(a))"
        case .duplicateDomainResult:
            let (a, b) = try c.duplicateLine("domain_scores.csv", startingWith: "Q1 2025/26,RYX,access,")
            return "domain_scores.csv:\(b): duplicate domain result Q1 2025/26 RYX access (first on line \(a))"
        case .duplicateSite:
            let (a, b) = try c.duplicateLine("sites.csv", startingWith: "RQ8L0,")
            return "sites.csv:\(b): duplicate site code RQ8L0 (first on line \(a))"
        case .duplicateAlias:
            let (a, b) = try c.duplicateLine("aliases.csv", startingWith: "GSTT,")
            return "aliases.csv:\(b): duplicate alias GSTT for RJ1 (first on line \(a))"
        case .unknownCodeInRankings:
            let l = try c.editLine("rankings.csv", startingWith: Corruption.rp6Q1, replacing: ",RP6,", with: ",ZZ9,")
            return "rankings.csv:\(l): unknown ODS code ZZ9"
        case .unknownCodeInActions:
            let l = try c.editLine("actions.csv", startingWith: "R1F,", replacing: "R1F,", with: "ZZ9,")
            return "actions.csv:\(l): unknown ODS code ZZ9"
        case .unknownCodeInAliases:
            let l = try c.editLine("aliases.csv", startingWith: "GSTT,", replacing: ",RJ1,", with: ",ZZ9,")
            return "aliases.csv:\(l): unknown ODS code ZZ9"
        case .unknownSiteParent:
            let l = try c.editLine("sites.csv", startingWith: "RQ8L0,", replacing: ",RAJ,", with: ",ZZ9,")
            return "sites.csv:\(l): unknown current parent ODS code ZZ9"
        case .unknownCodeInSuccessors:
            let l = try c.editLine("successors.csv", startingWith: "RNK,", replacing: ",G6V2S,", with: ",ZZ9,")
            return "successors.csv:\(l): unknown ODS code ZZ9 (successor_code)"
        case .segmentOutOfRange:
            let l = try c.editLine(
                "rankings.csv", startingWith: Corruption.rp6Q1, replacing: "Specialist,1,1,N,1.39,",
                with: "Specialist,7,1,N,1.39,")
            return "rankings.csv:\(l): segment 7 outside 1-5"
        case .positionAboveTableSize:
            let l = try c.editLine(
                "rankings.csv", startingWith: Corruption.rp6Q1, replacing: "Specialist,1,1,N,1.39,",
                with: "Specialist,1,135,N,1.39,")
            return "rankings.csv:\(l): league position 135 greater than table size 134"
        case .positionBelowOne:
            let l = try c.editLine(
                "rankings.csv", startingWith: Corruption.rp6Q1, replacing: "Specialist,1,1,N,1.39,",
                with: "Specialist,1,0,N,1.39,")
            return "rankings.csv:\(l): league position 0 is less than 1"
        case .tableSizeMismatch:
            let l = try c.editLine(
                "rankings.csv", startingWith: Corruption.rp6Q1, replacing: ",134,RP6,", with: ",135,RP6,")
            return "rankings.csv:\(l): table_size 135 does not match the 134 rows for Q1 2025/26 acute"
        case .jointFlagWrong:
            let l = try c.editLine(
                "rankings.csv", startingWith: "Q1 2025/26,acute,134,RRK,", replacing: ",127,Y,", with: ",127,N,")
            return "rankings.csv:\(l): joint_position N but another trust shares position 127 in Q1 2025/26 acute"
        case .scoreOutOfRange:
            let l = try c.editLine(
                "rankings.csv", startingWith: Corruption.rp6Q1, replacing: "Specialist,1,1,N,1.39,",
                with: "Specialist,1,1,N,4.39,")
            return "rankings.csv:\(l): average metric score 4.39 outside 1.0-4.0"
        case .domainScoreOutOfRange:
            let l = try c.editLine(
                "domain_scores.csv", startingWith: "Q1 2025/26,RYX,access,", replacing: ",access,1.0,",
                with: ",access,0.5,")
            return "domain_scores.csv:\(l): domain score 0.5 outside 1.0-4.0"
        case .domainSegmentOutOfRange:
            let l = try c.editLine(
                "domain_scores.csv", startingWith: "Q1 2025/26,RYX,access,", replacing: ",access,1.0,1,",
                with: ",access,1.0,5,")
            return "domain_scores.csv:\(l): domain segment 5 outside 1-4"
        case .trustCoordinatesOutsideUK:
            let l = try c.editLine("trusts.csv", startingWith: "RP6,", replacing: ",51.527248,", with: ",41.527248,")
            return "trusts.csv:\(l): coordinates 41.527248,-0.089863 outside the UK (lat 49.8 to 60.9, lon -8.7 to 1.8)"
        case .siteCoordinatesOutsideUK:
            let l = try c.editLine(
                "sites.csv", startingWith: "RQ8L0,", replacing: ",0.46673330664634705,", with: ",2.46673330664634705,")
            return
                "sites.csv:\(l): coordinates 51.774612426757812,2.46673330664634705 outside the UK (lat 49.8 to 60.9, lon -8.7 to 1.8)"
        case .sectorCoordinatesOutsideUK:
            let l = try c.editLine(
                "postcode_sectors.csv", startingWith: "M13 9,", replacing: "M13 9,53.", with: "M13 9,63.")
            let line = try c.read("postcode_sectors.csv").split(separator: "\n")[l - 1].split(separator: ",")
            return
                "postcode_sectors.csv:\(l): coordinates \(line[1]),\(line[2]) outside the UK (lat 49.8 to 60.9, lon -8.7 to 1.8)"
        case .rankingForClosedTrust:
            try c.editLine("trusts.csv", startingWith: "RNK,", replacing: ",2026-03-31,", with: ",2025-06-30,")
            let l = try c.line(in: "rankings.csv", startingWith: "Q2 2025/26,non-acute,61,RNK,")
            return
                "rankings.csv:\(l): ranking for RNK in Q2 2025/26 but the trust closed on 2025-06-30, before the quarter began"
        case .unknownQuarter:
            let l = try c.editLine(
                "rankings.csv", startingWith: Corruption.rp6Q1, replacing: "Q1 2025/26,", with: "Q2 2026/27,")
            return "rankings.csv:\(l): unknown quarter 'Q2 2026/27'"
        case .unknownDomainKey:
            let l = try c.editLine(
                "domain_scores.csv", startingWith: "Q1 2025/26,RYX,access,", replacing: ",access,",
                with: ",accessibility,")
            return "domain_scores.csv:\(l): unknown domain 'accessibility' for domain set 2025/26"
        case .badDate:
            let l = try c.editLine(
                "successors.csv", startingWith: "RNK,", replacing: ",2026-04-01,", with: ",2026-02-30,")
            return "successors.csv:\(l): effective_date '2026-02-30' is not an ISO date (yyyy-MM-dd)"
        }
    }
}

@Suite struct ValidationTests {
    @Test(arguments: Corruption.allCases)
    func reportsFileAndLine(_ corruption: Corruption) throws {
        let copy = try DatasetCopy()
        defer { copy.remove() }
        let expected = try corruption.apply(to: copy)
        let issues = copy.issues()
        #expect(
            issues.contains(expected),
            "expected \(expected)\ngot (first 10):\n\(issues.prefix(10).joined(separator: "\n"))")
    }

    /// Corruptions that must produce exactly one issue (no cascade).
    @Test(arguments: [
        Corruption.duplicateTrust, .duplicateRanking, .duplicateSite, .duplicateAlias, .segmentOutOfRange,
        .positionAboveTableSize, .tableSizeMismatch, .scoreOutOfRange, .domainSegmentOutOfRange,
        .trustCoordinatesOutsideUK, .unknownCodeInActions, .unknownSiteParent, .badQuoting, .wrongFieldCount,
    ])
    func reportsExactlyOneIssue(_ corruption: Corruption) throws {
        let copy = try DatasetCopy()
        defer { copy.remove() }
        let expected = try corruption.apply(to: copy)
        #expect(copy.issues() == [expected])
    }

    @Test func collectsAllProblemsIntoOneError() throws {
        let copy = try DatasetCopy()
        defer { copy.remove() }
        let a = try Corruption.segmentOutOfRange.apply(to: copy)
        let b = try Corruption.duplicateSite.apply(to: copy)
        let d = try Corruption.unknownCodeInAliases.apply(to: copy)
        do {
            _ = try DatasetLoader.load(from: copy.url)
            Issue.record("expected a DatasetError")
        } catch let e as DatasetError {
            #expect(e.code == .invalidData)
            #expect(e.issues.map(\.description) == [d, a, b])  // sorted by file, then line
            #expect(e.description.contains(a))
            #expect(e.description.hasPrefix("dataset at "))
            #expect(e.description.contains("3 problems"))
        }
    }

    @Test func missingDirectory() {
        #expect(throws: DatasetError.self) {
            try DatasetLoader.load(from: URL(fileURLWithPath: "/nonexistent/league-data"))
        }
    }

    @Test func closedTrustKeepsItsHistory() throws {
        // RNK closed 2026-03-31: rankings up to Q4 2025/26 are valid (the quarter began before closure).
        let d = try Embedded.dataset()
        #expect(d.trust("RNK")?.closeDate?.iso == "2026-03-31")
        #expect(d.rankings(for: "RNK").count == 4)
    }
}
