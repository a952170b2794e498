import Testing

@testable import LeagueCore

/// Every site of the embedded dataset: one outside England is a clinic of its trust in another
/// nation's hospital, never a hospital the trust runs or a place it is measured from, and its
/// headline says where it is. The country is checked against the nearest-trust search's own
/// postcode lookup (`PostcodeIndex`), a separate reading of the same postcode tables.
@Suite("Sites outside England")
struct SitesOutsideEnglandTests {
    /// Each site's country as the postcode lookup resolves it; nil when it cannot.
    static func resolvedCountries(_ dataset: Dataset) -> [String: PostcodeCountry] {
        let postcodes = PostcodeIndex(dataset: dataset)
        var out: [String: PostcodeCountry] = [:]
        for site in dataset.sites {
            guard let text = site.postcode, let postcode = Postcode(text) else { continue }
            if let country = postcode.countryFromArea {
                out[site.siteCode] = country
            } else if let location = try? postcodes.resolve(postcode), location.country != .unknown {
                out[site.siteCode] = location.country
            }
        }
        return out
    }

    @Test("every site's country agrees with the postcode lookup; each nation's sites are found")
    func everySite() throws {
        let dataset = try Embedded.dataset()
        let resolved = Self.resolvedCountries(dataset)
        for site in dataset.sites {
            guard let country = resolved[site.siteCode] else { continue }
            #expect(
                dataset.sitesOutsideEngland[site.siteCode] == (country == .england ? nil : country),
                "\(site.siteCode) \(site.name) \(site.postcode ?? "")")
        }
        let counts = Dictionary(grouping: dataset.sitesOutsideEngland.values, by: { $0 }).mapValues(\.count)
        for nation in [PostcodeCountry.wales, .scotland, .northernIreland, .isleOfMan] {
            #expect((counts[nation] ?? 0) > 0, "no site found in \(nation.displayName)")
        }
    }

    @Test(
        "known sites: another nation's hospital, or an English one",
        arguments: [
            ("R2F2E", "RA7", PostcodeCountry.wales),  // University Hospital of Wales, Cardiff: a Bristol code
            ("RL121", "RL1", .wales),  // Glan Clwyd Hospital
            ("RTH74", "RTH", .scotland),  // Royal Edinburgh Hospital
            ("RFR0M", "RFR", .northernIreland),  // a Rotherham service at the Royal Belfast Hospital for Sick Children
            ("REM95", "REM", .isleOfMan),  // Noble's Hospital
            ("RGT01", "RGT", .england),  // Addenbrooke's Hospital
        ])
    func knownSites(siteCode: String, trustCode: String, country: PostcodeCountry) throws {
        let dataset = try Embedded.dataset()
        let site = try #require(dataset.sitesByCode[siteCode])
        let headline = try #require(dataset.siteHeadline(siteCode: siteCode, trustCode: trustCode))
        if country == .england {
            #expect(dataset.sitesOutsideEngland[siteCode] == nil)
            #expect(headline.hasPrefix("\(site.name) is run by "))
        } else {
            #expect(dataset.sitesOutsideEngland[siteCode] == country)
            let expected = "\(site.name) is in \(country.displayName), outside NHS England's league tables"
            #expect(headline.hasPrefix(expected))
            #expect(!headline.contains("is run by"))
        }
    }

    @Test("no site outside England is a hospital a trust runs, or a place nearest measures from")
    func neverRunNorMeasured() throws {
        let dataset = try Embedded.dataset()
        let outside = dataset.sitesOutsideEngland
        for trust in dataset.trusts {
            let named = dataset.mainSites(of: trust.odsCode).filter { outside[$0.siteCode] != nil }
            #expect(named.isEmpty, "\(trust.odsCode) runs \(named.map(\.name))")
        }
        for includeClinics in [false, true] {
            let places = GeoSiteInput.places(in: dataset, includeClinics: includeClinics)
            #expect(!places.isEmpty)
            #expect(!places.contains { outside[$0.siteCode] != nil })
        }
    }

    @Test("trusts headquartered outside England: none ranked, each unranked one's answer says why")
    func trusts() throws {
        let dataset = try Embedded.dataset()
        let outside = dataset.trustsOutsideEngland
        // Velindre, the Welsh Ambulance Service, Public Health Wales
        #expect(Set(outside.keys).isSuperset(of: ["RQF", "RT4", "RYT"]))
        for trust in dataset.trusts {
            let ranked = !(dataset.rankingsByTrust[trust.odsCode] ?? []).isEmpty
            if ranked { #expect(outside[trust.odsCode] == nil, "\(trust.odsCode) is ranked") }
        }
        let queries = TrustQueries(dataset: dataset)
        for code in outside.keys {
            let caveats = try queries.detail(code).caveats
            #expect(caveats.contains { $0.contains("cover trusts in England only") }, "\(code): \(caveats)")
        }
    }
}
