import Testing

@testable import LeagueCore

/// "Nearest" asked with a town: every post town of the embedded postcode districts, and every
/// ERIC 2021/22 general acute hospital's post town searched for the nearest acute trust.
@Suite("Nearest by post town")
struct PostTownTests {
    @Test("every post town resolves to the centre of its districts, or is refused as several towns")
    func everyPostTown() throws {
        let dataset = try GeoTestData.dataset()
        let postcodes = try GeoTestData.postcodeIndex()
        // (Post towns whose districts have no coordinates, such as BFPO's, are no place to start from.)
        let names = Set(
            dataset.postcodeDistricts.filter { $0.latitude != nil && $0.longitude != nil }
                .compactMap { $0.postTown?.trimmedSpaces }.filter { !$0.isEmpty })
        var resolved = 0
        var ambiguous: [String] = []
        for name in names.sorted() {
            do {
                let location = try #require(try postcodes.resolve(name.lowercased()))
                #expect(location.precision == .postTown && location.matchedKey == name, "\(name)")
                // Every district of the town, and only those, named in the answer.
                let town = try #require(postcodes.towns.town(named: name))
                #expect(Set(location.townDistricts) == Set(town.districts.map(\.code)))
                resolved += 1
            } catch LocationError.ambiguousTown(let town, _) {
                #expect(town == name)
                ambiguous.append(name)
            }
        }
        print("post towns: \(names.count), \(resolved) resolved, \(ambiguous.count) refused as several towns")
        #expect(names.count > 1000)
        #expect(ambiguous.contains("Newport"))
        #expect(Double(resolved) / Double(names.count) > 0.97)
    }

    @Test(
        "spellings people type find the town",
        arguments: [
            ("kendal", "Kendal"), ("KENDAL", "Kendal"), ("stoke on trent", "Stoke-on-Trent"),
            ("  Stoke-on-Trent ", "Stoke-on-Trent"), ("st. albans", "St. Albans"), ("st albans", "St. Albans"),
        ])
    func spellings(typed: String, town: String) throws {
        let location = try GeoTestData.postcodeIndex().resolve(typed)
        #expect(location.precision == .postTown)
        #expect(location.matchedKey == town)
    }

    @Test("a word that is no postcode and no town is refused, saying both were tried")
    func neither() throws {
        #expect {
            try GeoTestData.postcodeIndex().resolve("atlantis")
        } throws: { error in
            "\(error)".contains("neither a UK postcode nor a post town")
        }
        // A postcode still reads as one: "M13" is a district, never a town.
        #expect(try GeoTestData.postcodeIndex().resolve("M13").precision == .district)
    }

    /// The nearest acute trust to the centre of each general acute hospital's post town runs a
    /// general acute hospital of that post town (any of them, for a city's several trusts).
    @Test("the nearest acute trust to a hospital's post town runs a general acute hospital there")
    func nearestToEveryHospitalTown() throws {
        let (dataset, postcodes) = (try GeoTestData.dataset(), try GeoTestData.postcodeIndex())
        let search = NearestTrustSearch(dataset: dataset)
        let trustsByTown = try ERICHospital.generalAcuteTrustsByPostTown(in: dataset)
        var n = 0
        var right = 0
        var misses: [String] = []
        for (town, trusts) in trustsByTown.sorted(by: { $0.key < $1.key }) {
            guard (try? postcodes.resolve(town)) != nil else { continue }  // refused as several towns
            n += 1
            let first = try search.nearest(.postcode(town), limit: 1, tables: .acute).trusts.first?.odsCode
            if let first, trusts.contains(first) {
                right += 1
            } else {
                misses.append("\(town): want \(trusts.sorted().joined(separator: "/")), got \(first ?? "none")")
            }
        }
        print(
            "nearest by post town: \(right) of \(n) hospital towns answer a trust with a general acute hospital there")
        for m in misses { print("  miss: \(m)") }
        #expect(n > 150)
        #expect(Double(right) / Double(n) >= 0.9)
    }
}
