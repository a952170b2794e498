import Foundation
import Testing

@testable import LeagueCore

@Suite("Postcode parsing")
struct PostcodeParsingTests {
    @Test(
        "normalises and classifies",
        arguments: [
            ("sw1a1aa", "SW1A 1AA", Postcode.Kind.full),
            (" SW1A 1AA ", "SW1A 1AA", .full),
            ("m13 9wl", "M13 9WL", .full),
            ("M139WL", "M13 9WL", .full),
            ("m1 1ad", "M1 1AD", .full),
            ("M11AD", "M1 1AD", .full),
            ("w1a 0ax", "W1A 0AX", .full),
            ("EC1A1BB", "EC1A 1BB", .full),
            ("cf10 1ep", "CF10 1EP", .full),
            ("bt1 5gs", "BT1 5GS", .full),
            ("M13  9WL", "M13 9WL", .full),
            ("\tM13\n9WL ", "M13 9WL", .full),
            ("GIR 0AA", "GIR 0AA", .full),
            ("M13 9", "M13 9", .sector),
            ("m139", "M13 9", .sector),
            ("SW1A 1", "SW1A 1", .sector),
            ("sw1a1", "SW1A 1", .sector),
            ("M13", "M13", .district),
            ("m1", "M1", .district),
            ("M19", "M19", .district),  // district M19, not sector "M1 9"
            ("sw1a", "SW1A", .district),
            ("EH1", "EH1", .district),
            ("bt1", "BT1", .district),
        ])
    func normalises(input: String, canonical: String, kind: Postcode.Kind) throws {
        let p = try #require(Postcode(input))
        #expect(p.canonical == canonical)
        #expect(p.kind == kind)
    }

    @Test("parts: district, sector, area")
    func parts() throws {
        let p = try #require(Postcode("sw1a1aa"))
        #expect(p.district == "SW1A")
        #expect(p.sector == "SW1A 1")
        #expect(p.area == "SW")
        #expect(p.inward == "1AA")
        let d = try #require(Postcode("M13"))
        #expect(d.sector == nil)
        #expect(d.area == "M")
    }

    @Test(
        "malformed",
        arguments: [
            ("", PostcodeSyntaxError.Reason.empty),
            ("   ", .empty),
            ("M13-9WL", .invalidCharacter),
            ("M13 9WL!", .invalidCharacter),
            ("Ⅿ13 9WL", .invalidCharacter),
            ("HELLO", .badShape),
            ("12345", .badShape),
            ("M", .badShape),
            ("9WL", .badShape),
            ("M13 9W", .badShape),
            ("M13 WL9", .badShape),
            ("M13 9WLX", .badShape),
            ("ABC1 1AA", .badShape),
            ("M13 9 WL", .badShape),
            ("M1234", .badShape),
            ("SW1AA 1AA", .badShape),
        ])
    func malformed(input: String, reason: PostcodeSyntaxError.Reason) {
        switch Postcode.parse(input) {
        case .success(let p): Issue.record("\(input) parsed as \(p)")
        case .failure(let e): #expect(e.reason == reason)
        }
    }

    @Test(
        "area-level countries outside Great Britain",
        arguments: [
            ("BT1 5GS", PostcodeCountry?.some(.northernIreland)),
            ("GY1 1AA", .channelIslands),
            ("JE2 3AB", .channelIslands),
            ("IM1 1AA", .isleOfMan),
            ("M13 9WL", nil),
            ("CF10 1EP", nil),
        ])
    func areaCountry(input: String, country: PostcodeCountry?) throws {
        #expect(try #require(Postcode(input)).countryFromArea == country)
    }

    @Test("every M-area Code-Point Open postcode and every shipped sector/district parses")
    func realDataParses() throws {
        let m = try String(contentsOf: GeoTestData.mAreaURL, encoding: .utf8)
        var count = 0
        for line in m.split(whereSeparator: \.isNewline).dropFirst() {
            let code = String(line.split(separator: ",")[0])
            let p = try #require(Postcode(code), "\(code)")
            #expect(p.kind == .full && p.canonical == code)
            count += 1
        }
        #expect(count == 32_301)
        let ds = try GeoTestData.dataset()
        for s in ds.postcodeSectors {
            let p = Postcode(s.code)
            #expect(p?.kind == .sector && p?.canonical == s.code, "\(s.code)")
        }
        // "NPT" (Newport, withdrawn in 1984; 0 active postcodes) is the one district not in today's shape.
        for d in ds.postcodeDistricts where d.code != "NPT" {
            let p = Postcode(d.code)
            #expect(p?.kind == .district && p?.canonical == d.code, "\(d.code)")
        }
    }
}

@Suite("Postcode resolution")
struct PostcodeResolutionTests {
    @Test(
        "resolves to the most precise centroid held, with country",
        arguments: [
            // input, precision, matched key, country
            ("M13 9WL", LocationPrecision.sector, "M13 9", PostcodeCountry.england),
            ("m139wl", .sector, "M13 9", .england),
            ("M13 9", .sector, "M13 9", .england),
            ("M13", .district, "M13", .england),
            ("SW1A 1AA", .sector, "SW1A 1", .england),
            ("CF10 1EP", .sector, "CF10 1", .wales),
            ("EH1 1YZ", .sector, "EH1 1", .scotland),
            ("BT1 5GS", .district, "BT1", .northernIreland),  // no NI sectors: district centroid
            ("BT1", .district, "BT1", .northernIreland),
            ("M35 5AP", .district, "M35", .england),  // sector M35 5 has no coordinates (PQI 90 only)
            ("M99 9AA", .district, "M99", .england),  // no sector M99 9 held: district centroid
        ])
    func resolves(input: String, precision: LocationPrecision, key: String, country: PostcodeCountry) throws {
        let index = try GeoTestData.postcodeIndex()
        let r = try index.resolve(input)
        #expect(r.precision == precision)
        #expect(r.matchedKey == key)
        #expect(r.country == country)
        #expect(r.isInEngland == (country == .england))
        #expect(GeoMath.isValidLatitude(r.latitude) && GeoMath.isValidLongitude(r.longitude))
    }

    @Test("a full postcode without a full table says it used the sector")
    func fullFallsBackToSector() throws {
        let r = try GeoTestData.postcodeIndex().resolve("M13 9WL")
        #expect(r.isCoarserThanRequested)
        #expect(r.postcode?.canonical == "M13 9WL")
        #expect(abs(r.latitude - 53.466485) < 1e-9 && abs(r.longitude - -2.224719) < 1e-9)
        let d = try GeoTestData.postcodeIndex().resolve("M13")
        #expect(!d.isCoarserThanRequested)
    }

    @Test(
        "errors: malformed vs unknown vs no coordinates",
        arguments: [
            ("HELLO", "malformed"),
            ("M13-9WL", "malformed"),
            ("", "malformed"),
            ("QQ1 1AA", "unknown"),
            ("ZZ99 9ZZ", "unknown"),
            ("XX1 1AA", "unknown"),
            ("GY1 1AA", "noCoordinates"),
            ("JE2 3AB", "noCoordinates"),
            ("IM1 1AA", "noCoordinates"),
            ("BF1 1AA", "noCoordinates"),  // BFPO: non-geographic district, no centroid
        ])
    func errors(input: String, expected: String) throws {
        let index = try GeoTestData.postcodeIndex()
        do {
            let r = try index.resolve(input)
            Issue.record("\(input) resolved to \(r)")
        } catch {
            switch (error, expected) {
            case (.malformedPostcode, "malformed"), (.unknownPostcode, "unknown"), (.noCoordinates, "noCoordinates"):
                #expect(!error.description.isEmpty)
            default: Issue.record("\(input): got \(error), expected \(expected)")
            }
        }
    }

    @Test("Channel Islands / Isle of Man errors name the place")
    func crownDependencies() throws {
        let index = try GeoTestData.postcodeIndex()
        #expect(throws: LocationError.noCoordinates(postcode: "GY1 1AA", country: .channelIslands)) {
            try index.resolve("gy11aa")
        }
        #expect(throws: LocationError.noCoordinates(postcode: "IM1 1AA", country: .isleOfMan)) {
            try index.resolve("IM1 1AA")
        }
    }

    @Test(
        "coordinates out of range",
        arguments: [
            (91.0, 0.0), (-90.5, 0.0), (Double.nan, 0.0), (Double.infinity, 0.0),
            (53.0, 180.5), (53.0, -181.0), (53.0, Double.nan),
        ])
    func coordinatesOutOfRange(lat: Double, lon: Double) {
        #expect(throws: LocationError.self) { try ResolvedLocation.coordinates(latitude: lat, longitude: lon) }
        let index = GeoIndex(trusts: [], sites: [])
        #expect(throws: NearestQueryError.self) { try index.nearestTrusts(latitude: lat, longitude: lon) }
    }

    @Test("valid coordinates echo as coordinates precision")
    func coordinates() throws {
        let r = try ResolvedLocation.coordinates(latitude: 53.46, longitude: -2.23)
        #expect(r.precision == .coordinates && r.matchedKey == nil)
        let edge = try ResolvedLocation.coordinates(latitude: -90, longitude: 180)
        #expect(edge.latitude == -90)
    }
}
