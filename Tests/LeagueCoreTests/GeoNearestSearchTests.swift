import Foundation
import Testing

@testable import LeagueCore

@Suite("Nearest call: location, caveats and errors")
struct GeoNearestSearchTests {
    static let search: Result<NearestTrustSearch, any Error> = Result {
        NearestTrustSearch(postcodes: try GeoTestData.postcodeIndex(), index: try GeoTestData.geoIndex())
    }

    @Test(
        "outside England: answered with the nearest English trusts and a caveat",
        arguments: [
            ("CF10 1EP", PostcodeCountry.wales, "Wales"),
            ("EH1 1YZ", .scotland, "Scotland"),
            ("BT1 5GS", .northernIreland, "Northern Ireland"),
        ])
    func outsideEngland(postcode: String, country: PostcodeCountry, name: String) throws {
        let answer = try Self.search.get().nearest(.postcode(postcode), limit: 5, tables: .acute)
        #expect(answer.location.country == country)
        #expect(!answer.location.isInEngland)
        #expect(answer.trusts.count == 5)
        #expect(answer.notices.contains { $0.contains(name) && $0.contains("England only") })
        let ds = try GeoTestData.dataset()
        for t in answer.trusts { #expect(ds.trust(t.odsCode)?.nofTable == .acute) }
    }

    @Test(
        "precision is echoed with a notice",
        arguments: [
            ("M13 9WL", LocationPrecision.sector, "sector M13 9"),
            ("M13", .district, "district M13"),
            ("M13 9", .sector, ""),
        ])
    func precision(postcode: String, precision: LocationPrecision, phrase: String) throws {
        let answer = try Self.search.get().nearest(.postcode(postcode))
        #expect(answer.location.precision == precision)
        #expect(answer.trusts.count == GeoIndex.defaultLimit)
        if phrase.isEmpty {
            #expect(answer.precisionNote == nil)
        } else {
            #expect(answer.precisionNote?.contains(phrase) == true)
        }
        #expect(!answer.notices.contains { $0.contains("England only") })
    }

    @Test("coordinates: echoed as coordinates")
    func coordinates() throws {
        let answer = try Self.search.get().nearest(.coordinates(latitude: 53.46, longitude: -2.23), limit: 3)
        #expect(answer.location.precision == .coordinates)
        #expect(answer.trusts.count == 3)
        #expect(answer.precisionNote == nil)
        // Only the headquarters notice (Manchester University is placed at its HQ too).
        #expect(answer.notices.allSatisfy { $0.contains("headquarters") })
    }

    @Test("distinct errors")
    func errors() throws {
        let s = try Self.search.get()
        #expect(
            throws: NearestTrustSearch.Failure.location(
                .malformedPostcode(PostcodeSyntaxError(input: "HELLO", reason: .badShape)))
        ) {
            try s.nearest(.postcode("HELLO"))
        }
        #expect(throws: NearestTrustSearch.Failure.location(.unknownPostcode("XX1 1AA"))) {
            try s.nearest(.postcode("XX1 1AA"))
        }
        #expect(
            throws: NearestTrustSearch.Failure.location(.noCoordinates(postcode: "JE2 3AB", country: .channelIslands))
        ) {
            try s.nearest(.postcode("JE2 3AB"))
        }
        #expect(throws: NearestTrustSearch.Failure.location(.latitudeOutOfRange(95))) {
            try s.nearest(.coordinates(latitude: 95, longitude: 0))
        }
        #expect(throws: NearestTrustSearch.Failure.location(.longitudeOutOfRange(-200))) {
            try s.nearest(.coordinates(latitude: 52, longitude: -200))
        }
        #expect(throws: NearestTrustSearch.Failure.query(.limitOutOfRange(51))) {
            try s.nearest(.postcode("M13"), limit: 51)
        }
        #expect(throws: NearestTrustSearch.Failure.query(.limitOutOfRange(0))) {
            try s.nearest(.postcode("M13"), limit: 0)
        }
        #expect(throws: NearestTrustSearch.Failure.query(.maxDistanceOutOfRange(-1))) {
            try s.nearest(.postcode("M13"), maxDistanceKm: -1)
        }
    }

    @Test("a maximum distance can empty the answer, and says so")
    func emptyWithinRadius() throws {
        // Lundy-ish: open sea in the Bristol Channel.
        let answer = try Self.search.get().nearest(
            .coordinates(latitude: 51.18, longitude: -4.67), limit: 5, maxDistanceKm: 1)
        #expect(answer.trusts.isEmpty)
        #expect(answer.notices.contains { $0.contains("No ranked trust within 1.0 km") })
        // Without a maximum distance, the same point gets 5 trusts.
        #expect(try Self.search.get().nearest(.coordinates(latitude: 51.18, longitude: -4.67)).trusts.count == 5)
    }

    @Test("trusts placed at their headquarters are flagged, with a notice")
    func headquartersNotice() throws {
        let answer = try Self.search.get().nearest(.postcode("M13 9WL"), limit: 3, tables: .ambulance)
        #expect(answer.trusts.first?.odsCode == "RX7")  // North West Ambulance Service
        #expect(answer.trusts.allSatisfy { $0.viaHeadquarters })
        #expect(answer.notices.contains { $0.contains("headquarters") })
    }
}
