import Testing

@testable import LeagueCore

/// A trust holds site codes at hospitals it does not run: independent hospitals it sends NHS
/// patients to (Spire, Nuffield Health, BMI) and community hospitals other bodies run. ODS alone
/// cannot tell these from its own hospitals; ERIC (each trust's estates return) can. Checked on
/// every site of the embedded dataset.
@Suite("Hospitals a trust has a code at but is not known to run")
struct UnconfirmedOperatorTests {
    /// Independent-sector hospital groups, by how ODS names their sites. Independent of the
    /// rule under test, which reads ERIC, not names.
    static let independentPrefixes = ["spire ", "nuffield health", "bmi ", "the spire "]

    @Test("every independent-sector hospital a trust has a code at is unconfirmed, never one it runs")
    func independentHospitals() throws {
        let dataset = try Embedded.dataset()
        var seen = 0
        for site in dataset.sites where site.isOpen && site.kind.isHospital {
            let name = site.name.lowercased()
            guard Self.independentPrefixes.contains(where: name.hasPrefix), site.kindInferred,
                let operators = dataset.siteOperators[site.siteCode]
            else { continue }
            seen += 1
            #expect(!operators.mainOperatorConfirmed, "\(site.siteCode) \(site.name)")
            let runs = dataset.mainSites(of: operators.mainOperator).map(\.siteCode)
            #expect(!runs.contains(site.siteCode), "\(site.siteCode) \(site.name) listed as run by its trust")
            let headline = dataset.siteHeadline(siteCode: site.siteCode, trustCode: operators.mainOperator)
            #expect(headline?.contains(" is run by ") == false, "\(headline ?? "")")
        }
        #expect(seen > 30, "only \(seen) independent hospitals found")
    }

    @Test("a site its own trust's ERIC return lists is confirmed, and so is a hospital ERIC lists at its postcode")
    func ericSitesConfirmed() throws {
        let dataset = try Embedded.dataset()
        var confirmed = 0
        for site in dataset.sites where site.isOpen {
            guard let operators = dataset.siteOperators[site.siteCode] else { continue }
            if !site.kindInferred && site.kind.isInpatient {
                #expect(operators.mainOperatorConfirmed, "\(site.siteCode) \(site.name)")
                confirmed += 1
            }
            if !operators.mainOperatorConfirmed {
                // only name-inferred hospitals
                #expect(site.kindInferred && site.kind.isHospital, "\(site.siteCode) \(site.name)")
            }
        }
        #expect(confirmed > 1000)
        // Worked out here from the sites themselves: a name-only hospital with an ERIC-listed
        // hospital at its postcode is that hospital (rule 2), so its operator is on record.
        var ericHospitalAt: [String: Int] = [:]
        for s in dataset.sites where s.isOpen && !s.kindInferred && s.kind.isHospital && s.currentParentODSCode != nil {
            if let p = s.postcode { ericHospitalAt[p, default: 0] += 1 }
        }
        var beside = 0
        for s in dataset.sites where s.isOpen && s.kindInferred && s.kind.isHospital {
            guard let p = s.postcode, ericHospitalAt[p] != nil, let op = dataset.siteOperators[s.siteCode] else {
                continue
            }
            #expect(op.mainOperatorConfirmed, "\(s.siteCode) \(s.name)")
            beside += 1
        }
        #expect(beside > 100)
        // Manchester University's code inside Blackpool Victoria Hospital: Blackpool's, on record.
        #expect(
            dataset.siteOperators["R0A84"].map { ($0.mainOperator, $0.mainOperatorConfirmed) } ?? ("", false) == (
                "RXL", true
            ))
        // Kingsway Hospital, Derby: only Derbyshire Healthcare's return lists a site at its postcode.
        #expect(dataset.siteOperators["RXMK1"]?.mainOperatorConfirmed == true)
    }

    @Test("Cambridge University Hospitals runs Addenbrooke's, not the Nuffield Health hospital it has a code at")
    func cambridgeExample() throws {
        let dataset = try Embedded.dataset()
        let runs = dataset.mainSites(of: "RGT").map(\.name)
        #expect(runs.contains("Addenbrooke's Hospital"))
        #expect(!runs.contains("Nuffield Health Cambridge Hospital"))
    }
}
