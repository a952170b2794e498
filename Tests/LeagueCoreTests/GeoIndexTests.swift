import Foundation
import Testing

@testable import LeagueCore

/// An independent reference: straight from the dataset records, haversine to every place.
private struct ReferenceScan {
    struct Place {
        var trust: String; var tables: GeoTables; var lat: Double; var lon: Double; var viaHQ: Bool; var site: String?
    }
    let places: [Place]

    init(dataset: Dataset) {
        var tables: [String: GeoTables] = [:]
        for r in dataset.rankings { tables[r.odsCode, default: []].formUnion(GeoTables(r.table)) }
        let eligible = dataset.trusts.filter { t in
            tables[t.odsCode] != nil && t.isOpen != false && t.closeDate == nil
        }
        let eligibleCodes = Set(eligible.map(\.odsCode))
        var places: [Place] = []
        var located = Set<String>()
        // the documented default: open inpatient sites (ERIC's, or hospitals opened after ERIC 2021/22
        // whose operator is on record), each at its main operator
        let afterERIC = CalendarDate(iso: "2022-04-01")!
        for s in dataset.sites
        where s.isOpen && s.kind.isInpatient && (!s.kindInferred || (s.openDate.map { $0 >= afterERIC } ?? false)) {
            guard let op = dataset.siteOperators[s.siteCode], op.mainOperatorConfirmed,
                case let parent = op.mainOperator, eligibleCodes.contains(parent),
                let lat = s.latitude, let lon = s.longitude
            else { continue }
            places.append(
                Place(trust: parent, tables: tables[parent]!, lat: lat, lon: lon, viaHQ: false, site: s.siteCode))
            located.insert(parent)
        }
        for t in eligible where !located.contains(t.odsCode) {
            guard let lat = t.hqLatitude, let lon = t.hqLongitude else { continue }
            places.append(
                Place(trust: t.odsCode, tables: tables[t.odsCode]!, lat: lat, lon: lon, viaHQ: true, site: nil))
        }
        self.places = places
    }

    func nearest(lat: Double, lon: Double, limit: Int, tables: GeoTables, maxKm: Double?) -> [(String, Double, Bool)] {
        var best: [String: (Double, Bool)] = [:]
        for p in places where !p.tables.isDisjoint(with: tables) {
            let d = GeoMath.haversineKm(latitude1: lat, longitude1: lon, latitude2: p.lat, longitude2: p.lon)
            if let maxKm, d > maxKm { continue }
            if d < best[p.trust]?.0 ?? .infinity { best[p.trust] = (d, p.viaHQ) }
        }
        var rows: [(String, Double, Bool)] = best.map { (key: String, value: (Double, Bool)) in (key, value.0, value.1)
        }
        rows.sort { (a: (String, Double, Bool), b: (String, Double, Bool)) -> Bool in
            a.1 != b.1 ? a.1 < b.1 : a.0 < b.0
        }
        return Array(rows.prefix(limit))
    }
}

@Suite("Nearest trusts")
struct GeoIndexTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var tables: GeoTables
        var limit: Int
        var maxKm: Double?
        init(_ tables: GeoTables, _ limit: Int, _ maxKm: Double? = nil) {
            self.tables = tables; self.limit = limit; self.maxKm = maxKm
        }
        var testDescription: String {
            "tables \(tables.rawValue) limit \(limit) max \(maxKm.map { "\($0) km" } ?? "none")"
        }
    }
    static let cases: [Case] = [
        Case(.all, 5), Case(.all, 50), Case(.acute, 5), Case(.nonAcute, 10), Case(.ambulance, 3), Case(.ambulance, 50),
        Case([.acute, .ambulance], 7), Case(.all, 50, 15), Case(.acute, 5, 25), Case(.nonAcute, 20, 40),
        Case(.ambulance, 10, 60), Case(.all, 1, 5),
    ]

    @Test("index equals a brute-force haversine scan for 2,000 random points in England", arguments: cases)
    func matchesBruteForce(_ c: Case) throws {
        let tables = c.tables, limit = c.limit, maxKm = c.maxKm
        let ds = try GeoTestData.dataset()
        let index = try GeoTestData.geoIndex()
        let reference = ReferenceScan(dataset: ds)
        var rng = SeededGenerator(
            seed: 0x5EED_0000 &+ UInt64(tables.rawValue) &* 977 &+ UInt64(limit) &* 31 &+ UInt64(maxKm ?? 0))
        var mismatches = 0
        var nonEmpty = 0
        for _ in 0..<2000 {
            // England's bounding box (includes some sea, Wales and southern Scotland: all must work).
            let lat = Double.random(in: 49.86...55.82, using: &rng)
            let lon = Double.random(in: -6.42...1.77, using: &rng)
            let got = try index.nearestTrusts(
                latitude: lat, longitude: lon, limit: limit, tables: tables, maxDistanceKm: maxKm)
            let brute = try index.nearestTrustsBruteForce(
                latitude: lat, longitude: lon, limit: limit, tables: tables, maxDistanceKm: maxKm)
            let ref = reference.nearest(lat: lat, lon: lon, limit: limit, tables: tables, maxKm: maxKm)
            if !got.isEmpty { nonEmpty += 1 }
            let same =
                got.count == ref.count && got.count == brute.count
                && zip(got, ref).allSatisfy {
                    $0.odsCode == $1.0 && abs($0.distanceKm - $1.1) < 1e-9 && $0.viaHeadquarters == $1.2
                }
                && zip(got, brute).allSatisfy { $0.odsCode == $1.odsCode && $0.distanceKm == $1.distanceKm }
            if !same {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record(
                        "(\(lat), \(lon)) index \(got.map { "\($0.odsCode) \($0.distanceKm)" }) reference \(ref.map { "\($0.0) \($0.1)" })"
                    )
                }
            }
            for r in got {
                #expect(!r.tables.isDisjoint(with: tables))
                if let maxKm { #expect(r.distanceKm <= maxKm) }
            }
            #expect(Set(got.map(\.odsCode)).count == got.count, "one entry per trust")
        }
        #expect(mismatches == 0)
        #expect(nonEmpty > 0)
        if maxKm == nil {
            #expect(nonEmpty == 2000, "with no maximum distance every query returns trusts")
        }
    }

    @Test(
        "with no maximum distance, always k trusts — even far out at sea",
        arguments: [
            (0.0, 0.0), (-45.0, 170.0), (60.8, -1.0), (49.9, -6.3), (53.46, -2.23),
        ])
    func alwaysK(lat: Double, lon: Double) throws {
        let index = try GeoTestData.geoIndex()
        #expect(try index.nearestTrusts(latitude: lat, longitude: lon, limit: 5).count == 5)
        #expect(try index.nearestTrusts(latitude: lat, longitude: lon, limit: 50).count == 50)
        #expect(try index.nearestTrusts(latitude: lat, longitude: lon, limit: 50, tables: .ambulance).count == 10)
        #expect(try index.nearestTrusts(latitude: lat, longitude: lon, limit: 1, tables: .acute).count == 1)
    }

    @Test("limit and maximum distance are validated", arguments: [0, -1, 51, 1000])
    func limitOutOfRange(limit: Int) throws {
        let index = try GeoTestData.geoIndex()
        #expect(throws: NearestQueryError.limitOutOfRange(limit)) {
            try index.nearestTrusts(latitude: 53, longitude: -2, limit: limit)
        }
    }

    @Test("maximum distance must be positive", arguments: [0.0, -5.0, Double.nan, Double.infinity])
    func maxDistanceOutOfRange(d: Double) throws {
        let index = try GeoTestData.geoIndex()
        #expect(throws: NearestQueryError.self) {
            try index.nearestTrusts(latitude: 53, longitude: -2, maxDistanceKm: d)
        }
    }

    @Test("only open, ranked trusts; unknown-parent and independent-provider sites never count")
    func eligibility() throws {
        let ds = try GeoTestData.dataset()
        let index = try GeoTestData.geoIndex()
        let ranked = Set(ds.rankings.map(\.odsCode))
        for code in index.eligibleTrustCodes {
            #expect(ranked.contains(code))
            #expect(ds.trust(code)?.isOpen != false)
        }
        #expect(!index.eligibleTrustCodes.contains("RVJ"), "North Bristol closed 2026-06-30 (sites now RA7)")
        #expect(!index.eligibleTrustCodes.contains("RNK"))
        #expect(index.eligibleTrustCodes.contains("TAJ"), "ranked care trust not in the ODS etr list is kept")
        // 201 = 198 open in ODS + TAD, TAH, TAJ (ranked in Q1 2026/27, open status not recorded).
        #expect(index.eligibleTrustCodes.count == 201)
        #expect(index.summary.sitesWithUnknownParent == ds.sites.filter { $0.currentParentODSCode == nil }.count)
        #expect(index.summary.sitesWithUnknownParent == 0)
        #expect(index.summary.trustsWithoutLocation.isEmpty)
        // Unknown-parent sites are never a place in any answer.
        let unknownSites = Set(ds.sites.filter { $0.currentParentODSCode == nil }.map(\.siteCode))
        for s in ds.sites where unknownSites.contains(s.siteCode) {
            guard let lat = s.latitude, let lon = s.longitude else { continue }
            let near = try index.nearestTrusts(latitude: lat, longitude: lon, limit: 50)
            #expect(!near.contains { $0.place.siteCode == s.siteCode })
            #expect(near.first!.distanceKm > 0)
        }
    }

    @Test("a trust with no inpatient site of its own is placed at its headquarters, and says so")
    func headquartersFallback() throws {
        let ds = try GeoTestData.dataset()
        let index = try GeoTestData.geoIndex()
        let viaHQ = index.summary.trustsViaHeadquarters
        #expect(viaHQ.contains("RYF"), "ambulance trusts have no hospital sites")
        #expect(!viaHQ.contains("R0A"), "Manchester University is placed at its own hospitals")
        #expect(TableKind.allCases.count == 3)
        for t in ds.trusts where t.nofTable == .ambulance && t.isOpen != false { #expect(viaHQ.contains(t.odsCode)) }
        for code in viaHQ {
            #expect(GeoSiteInput.places(in: ds).allSatisfy { $0.currentParentOdsCode != code })
            let t = try #require(ds.trust(code))
            let r = try index.nearestTrusts(
                latitude: t.hqLatitude!, longitude: t.hqLongitude!, limit: 1,
                tables: GeoTables(t.nofTable.map { [$0] } ?? []))
            #expect(r.first?.odsCode == code || r.first?.distanceKm == 0)
            if r.first?.odsCode == code {
                #expect(r.first!.viaHeadquarters)
                #expect(r.first!.place.kind == .headquarters && r.first!.place.postcode == t.hqPostcode)
            }
        }
        // A trust with a site of its own in the lists never uses its HQ.
        let res = try index.nearestTrusts(latitude: 53.46, longitude: -2.23, limit: 50, tables: .acute)
        #expect(res.filter(\.viaHeadquarters).allSatisfy { viaHQ.contains($0.odsCode) })
    }

    @Test(
        "at every general acute hospital ERIC lists, its trust is placed at a hospital ERIC lists, never a unit beside it"
    )
    func placedAtTheHospital() throws {
        let dataset = try GeoTestData.dataset()
        let index = try GeoTestData.geoIndex()
        var checked = 0
        for s in dataset.sites where s.isOpen && !s.kindInferred && s.kind == .acuteHospital {
            guard let op = dataset.siteOperators[s.siteCode], op.mainOperator == s.currentParentODSCode,
                let lat = s.latitude, let lon = s.longitude
            else { continue }
            let r = try index.nearestTrusts(latitude: lat, longitude: lon, limit: 10)
            guard let own = r.first(where: { $0.odsCode == op.mainOperator }), !own.viaHeadquarters else { continue }
            let place = own.place.siteCode.flatMap { dataset.sitesByCode[$0] }
            #expect(
                place?.kind.isHospital == true && place?.kindInferred == false,
                "\(s.siteCode) \(s.name): \(op.mainOperator) placed at \(own.place.name ?? "?")")
            checked += 1
        }
        #expect(checked > 200)
        // Every place: of a trust's places at the very same spot, the answer names the one given
        // first (`GeoSiteInput.places`' order), whatever order the tree visits them in.
        let places = GeoSiteInput.places(in: dataset)
        var firstAt: [String: String] = [:]  // "trust lat lon" -> first site code
        for p in places {
            guard let parent = p.currentParentOdsCode, let lat = p.latitude, let lon = p.longitude else { continue }
            let key = "\(parent) \(lat) \(lon)"
            if firstAt[key] == nil { firstAt[key] = p.siteCode }
        }
        var shared = 0
        for p in places {
            guard let parent = p.currentParentOdsCode, let lat = p.latitude, let lon = p.longitude,
                let first = firstAt["\(parent) \(lat) \(lon)"], first != p.siteCode
            else { continue }
            let r = try index.nearestTrusts(latitude: lat, longitude: lon, limit: 40)
            guard let row = r.first(where: { $0.odsCode == parent }), row.distanceKm == 0 else { continue }
            shared += 1
            #expect(row.place.siteCode == first, "\(parent) at \(p.siteCode): \(row.place.siteCode ?? "HQ")")
        }
        #expect(shared > 20)
        // Salford Royal shares its postcode with an intermediate care unit and a name-only site.
        let salford = try index.nearestTrusts(latitude: 53.487545, longitude: -2.323424, limit: 10, tables: .acute)
        #expect(salford.first(where: { $0.odsCode == "RM3" })?.place.siteCode == "RM301")
    }

    @Test("M13 9WL: sector centroid, and what the data says about the nearest acute trust")
    func manchester() throws {
        let location = try GeoTestData.postcodeIndex().resolve("M13 9WL")
        #expect(location.precision == .sector && location.matchedKey == "M13 9")
        let index = try GeoTestData.geoIndex()
        let r = try index.nearestTrusts(
            latitude: location.latitude, longitude: location.longitude, limit: 5, tables: .acute)
        // Manchester University NHS FT (R0A) runs Manchester Royal Infirmary on the Oxford Road
        // campus (R0A01 "Island Site", M13 9WL): it comes first, at its own hospital, not its HQ.
        #expect(r.first?.odsCode == "R0A")
        #expect(r[0].viaHeadquarters == false && r[0].place.siteCode == "R0A01")
        #expect(r[0].distanceKm < 1)
        #expect(abs(r[1].distanceMiles - r[1].distanceKm / 1.609344) < 1e-12)
        let mft = try GeoTestData.dataset().mainSites(of: "R0A").map(\.siteCode)
        #expect(
            mft.contains("R0A07") && mft.contains("R0A09") && mft.contains("R0A10"),
            "Wythenshawe, Trafford General, Altrincham")
    }

    @Test("haversine: known distances")
    func haversine() {
        // London (51.5074, -0.1278) – Manchester (53.4808, -2.2426): 261.98 km on the mean sphere.
        let d = GeoMath.haversineKm(latitude1: 51.5074, longitude1: -0.1278, latitude2: 53.4808, longitude2: -2.2426)
        #expect(abs(d - 261.983) < 0.001)
        #expect(GeoMath.haversineKm(latitude1: 10, longitude1: 20, latitude2: 10, longitude2: 20) == 0)
        // A quarter of the meridian: pi/2 * R.
        let q = GeoMath.haversineKm(latitude1: 0, longitude1: 0, latitude2: 90, longitude2: 0)
        #expect(abs(q - Double.pi / 2 * 6371.0088) < 1e-9)
        // Antipodes.
        let a = GeoMath.haversineKm(latitude1: 0, longitude1: 0, latitude2: 0, longitude2: 180)
        #expect(abs(a - Double.pi * 6371.0088) < 1e-6)
    }

    @Test("synthetic: ties broken by ODS code, HQ only without sites, closed and unranked excluded")
    func synthetic() throws {
        let trusts = [
            GeoTrustInput(
                odsCode: "BBB", tables: .acute, isOpen: true, headquartersPostcode: "X1 1AA", headquartersLatitude: 52,
                headquartersLongitude: -1),
            GeoTrustInput(
                odsCode: "AAA", tables: .acute, isOpen: nil, headquartersPostcode: "X1 1AB", headquartersLatitude: 52,
                headquartersLongitude: -1),
            GeoTrustInput(
                odsCode: "CCC", tables: .ambulance, isOpen: false, headquartersPostcode: nil, headquartersLatitude: 52,
                headquartersLongitude: -1),
            GeoTrustInput(
                odsCode: "DDD", tables: [], isOpen: true, headquartersPostcode: nil, headquartersLatitude: 52,
                headquartersLongitude: -1),
            GeoTrustInput(
                odsCode: "EEE", tables: .nonAcute, isOpen: true, headquartersPostcode: "X9 9ZZ",
                headquartersLatitude: 52.5, headquartersLongitude: -1),
        ]
        let sites = [
            GeoSiteInput(
                siteCode: "EEE01", name: "Far site", postcode: nil, latitude: 53, longitude: -1,
                currentParentOdsCode: "EEE"),
            GeoSiteInput(
                siteCode: "XXX01", name: "Orphan", postcode: nil, latitude: 52, longitude: -1, currentParentOdsCode: nil
            ),
            GeoSiteInput(
                siteCode: "DDD01", name: "Unranked", postcode: nil, latitude: 52, longitude: -1,
                currentParentOdsCode: "DDD"),
            GeoSiteInput(
                siteCode: "EEE02", name: "No coordinates", postcode: nil, latitude: nil, longitude: nil,
                currentParentOdsCode: "EEE"),
        ]
        let index = GeoIndex(trusts: trusts, sites: sites)
        let r = try index.nearestTrusts(latitude: 52, longitude: -1, limit: 50)
        #expect(r.map(\.odsCode) == ["AAA", "BBB", "EEE"])
        #expect(r[0].viaHeadquarters && r[1].viaHeadquarters && !r[2].viaHeadquarters)
        #expect(r[2].place.siteCode == "EEE01", "EEE uses its site, not its nearer HQ")
        #expect(index.summary.sitesWithUnknownParent == 1)
        #expect(index.summary.sitesWithIneligibleParent == 1)
        #expect(index.summary.sitesWithoutCoordinates == 1)
        #expect(try index.nearestTrusts(latitude: 52, longitude: -1, limit: 50, tables: .ambulance).isEmpty)
        #expect(try index.nearestTrusts(latitude: 52, longitude: -1, limit: 50, maxDistanceKm: 100).count == 2)
        #expect(try GeoIndex(trusts: [], sites: []).nearestTrusts(latitude: 52, longitude: -1).isEmpty)
    }
}
