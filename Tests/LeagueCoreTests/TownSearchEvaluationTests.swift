import Testing

@testable import LeagueCore

/// Patients often type only their town. Over every ERIC 2021/22 general acute hospital (test
/// resource, as `SiteEvaluationTests`) whose trust is ranked, the query is its postcode
/// district's post town (postcode_districts.csv: the town of its postal address), in lower
/// case: the first answer must be a trust that runs a general acute hospital of that post town.
/// The index holds these towns (`NameIndex.townEntries`), so what this measures is whether
/// they win against every other name with the town's word in it (clinics, units, depots, trust
/// names): before them, 121 of 179 did. Prints the rate and every miss.
@Suite("Search by town")
struct TownSearchEvaluationTests {
    @Test("a post town finds a trust running a general acute hospital there")
    func everyTown() throws {
        let (dataset, index) = try SearchFixture.get()
        let trustsByTown = try ERICHospital.generalAcuteTrustsByPostTown(in: dataset)
        var at1 = 0, at3 = 0
        var misses: [String] = []
        for (town, right) in trustsByTown.sorted(by: { $0.key < $1.key }) {
            let got = try index.search(town.lowercased(), limit: 3).matches.map(\.odsCode)
            if let first = got.first, right.contains(first) {
                at1 += 1
            } else {
                misses.append(
                    "\"\(town)\": want \(right.sorted().joined(separator: "/")), got \(got.joined(separator: ", "))")
            }
            if got.contains(where: right.contains) { at3 += 1 }
        }
        let n = trustsByTown.count
        print(
            "town search: \(n) post towns with a general acute hospital, recall@1 \(at1)/\(n), recall@3 \(at3)/\(n)")
        for m in misses { print("  miss: \(m)") }
        #expect(n > 150)
        #expect(Double(at1) / Double(n) >= 0.9)
        #expect(Double(at3) / Double(n) >= 0.95)
    }
}

extension ERICHospital {
    /// Every ERIC general acute hospital's post town (its postcode district's, from
    /// postcode_districts.csv) and the ranked trusts that run one there today.
    static func generalAcuteTrustsByPostTown(in dataset: Dataset) throws -> [String: Set<String>] {
        let postTowns = Dictionary(
            dataset.postcodeDistricts.compactMap { d in d.postTown.map { (d.code, $0) } },
            uniquingKeysWith: { a, _ in a })
        var trustsByTown: [String: Set<String>] = [:]
        for h in try all.get() where h.siteType == "General acute hospital" {
            guard let trust = h.currentTrust(in: dataset), !(dataset.rankingsByTrust[trust] ?? []).isEmpty,
                let district = Postcode(h.postcode)?.district, let town = postTowns[district], !town.isEmpty
            else { continue }
            trustsByTown[town, default: []].insert(trust)
        }
        return trustsByTown
    }
}
