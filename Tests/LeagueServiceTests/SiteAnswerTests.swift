import LeagueCore
import LeagueService
import LeagueWire
import Testing

/// The hospital-site fields of the answers (issue 10), checked against the dataset on every
/// trust and every open site with an operator, plus the issue's own examples.
@Suite("Hospital sites on the wire")
struct SiteAnswerTests {
    /// Every open site the search indexes (it has a main operator), by code.
    static let operatedSiteCodes: [String] = Shared.dataset.siteOperators.keys.sorted()

    @Test("get_trust: every trust's main hospitals are sites it is the main operator of", arguments: Shared.trustCodes)
    func mainHospitals(code: String) {
        guard case .getTrust(let detail) = ask(.getTrust(GetTrustRequest(odsCode: code))).result else {
            Issue.record("\(code): no get_trust result")
            return
        }
        #expect(detail.mainHospitals.count == Shared.dataset.mainSites(of: code).count, "\(code)")
        for site in detail.mainHospitals {
            #expect(site.mainOperatorOdsCode == code, "\(code): \(site.siteCode)")
            // never a hospital the trust only has a code at (`SiteOperators.mainOperatorConfirmed`)
            #expect(
                Shared.dataset.siteOperators[site.siteCode]?.mainOperatorConfirmed == true, "\(code): \(site.siteCode)")
            #expect(!site.kind.isEmpty && !site.name.isEmpty, "\(code): \(site.siteCode)")
            #expect(!site.alsoHereOdsCodes.contains(code), "\(code): \(site.siteCode)")
        }
    }

    @Test("find_trusts: a site match carries the site, its main operator and a headline naming both")
    func siteMatchesNameTheHospital() {
        var checked = 0
        var outside = 0
        var unconfirmed = 0
        for code in Self.operatedSiteCodes.prefix(4000) {
            guard let site = Shared.dataset.sitesByCode[code], site.kind != .clinicOrOffice else { continue }
            guard case .findTrusts(let result) = ask(.findTrusts(FindTrustsRequest(query: site.name))).result else {
                continue
            }
            for match in result.matches where match.field == .siteName {
                guard let wireSite = match.site else {
                    Issue.record("\(site.name): a site match without its site")
                    continue
                }
                if let country = Shared.dataset.sitesOutsideEngland[wireSite.siteCode] {
                    // another nation's hospital: the trust provides services there, it does not run it
                    #expect(
                        match.headline
                            == "\(wireSite.name) is in \(country.displayName), outside NHS England's league tables; \(match.trust.name) provides services there"
                    )
                    outside += 1
                } else if Shared.dataset.siteOperators[wireSite.siteCode]?.mainOperatorConfirmed == false {
                    // a hospital its trust has a code at but does not report running (a private
                    // hospital it uses, another body's community hospital): never "is run by"
                    #expect(
                        match.headline
                            == "\(wireSite.name): \(match.trust.name) provides services there; who runs the hospital is not confirmed by NHS estates returns (ERIC 2021/22)"
                    )
                    unconfirmed += 1
                } else {
                    #expect(match.headline.hasPrefix(wireSite.name + " is run by "), "\(match.headline)")
                    #expect(match.headline.hasSuffix(match.trust.name), "\(match.headline)")
                }
                #expect(!match.alsoProvidesServicesHere.contains(match.trust.name), "\(site.name)")
                checked += 1
            }
            for match in result.matches where match.field != .siteName && match.field != .alias {
                #expect(match.site == nil && match.headline.isEmpty, "\(site.name): \(match.field)")
            }
        }
        #expect(checked > 100)
        #expect(outside > 5)
        #expect(unconfirmed > 50)
    }

    @Test("find_trusts: the issue's examples name the hospital and today's trust")
    func issueExamples() {
        let wythenshawe = first("wythenshawe hospital")
        #expect(wythenshawe?.trust.odsCode == "R0A")
        #expect(wythenshawe?.headline.hasPrefix("Wythenshawe Hospital is run by Manchester University") == true)
        #expect(wythenshawe?.site?.mainOperatorOdsCode == "R0A")

        // a hospital's initials name the hospital too
        let rvi = first("RVI")
        #expect(rvi?.trust.odsCode == "RTD")
        #expect(rvi?.field == .alias && rvi?.aliasSource == "initials of The Royal Victoria Infirmary")
        #expect(rvi?.headline.hasPrefix("The Royal Victoria Infirmary is run by The Newcastle upon Tyne") == true)
        #expect(rvi?.site?.siteCode == "RTD02")

        let barnet = first("barnet and chase farm hospitals")
        #expect(barnet?.trust.odsCode == "RAL")
        #expect(barnet?.formerOdsCode == "RVL")
        #expect(barnet?.successorNote.contains("became part of Royal Free London") == true)
        #expect(barnet?.successorNote.contains("2014") == true)
    }

    @Test("nearest: with clinics, no trust is farther than at its hospitals alone (more places, never fewer)")
    func includeClinicsNeverFarther() {
        var compared = 0
        for district in Shared.dataset.postcodeDistricts.prefix(400) where district.latitude != nil {
            guard
                case .nearest(let hospitals) = ask(
                    .nearest(
                        .with {
                            $0.postcode = district.code; $0.limit = 10
                        })
                )
                .result,
                case .nearest(let clinics) = ask(
                    .nearest(
                        .with {
                            $0.postcode = district.code; $0.limit = 50; $0.includeClinics = true
                        })
                ).result
            else { continue }
            let clinicDistance = Dictionary(
                clinics.trusts.map { ($0.trust.odsCode, $0.distanceKm) }, uniquingKeysWith: min)
            for nearby in hospitals.trusts where !nearby.viaHeadquarters {
                guard let other = clinicDistance[nearby.trust.odsCode] else { continue }
                #expect(other <= nearby.distanceKm + 1e-9, "\(district.code) \(nearby.trust.odsCode)")
                compared += 1
            }
        }
        #expect(compared > 1000)
    }

    private func first(_ query: String) -> TrustMatch? {
        guard case .findTrusts(let result) = ask(.findTrusts(FindTrustsRequest(query: query))).result else {
            return nil
        }
        return result.matches.first
    }
}
