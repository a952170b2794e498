/// Sites of English trusts that are not in England.
///
/// ODS lists a code for every place a trust provides a service, and some of those places are
/// other nations' hospitals: Bristol's R2F2E is at the University Hospital of Wales (Cardiff),
/// Liverpool University Hospitals' REM95 at Noble's Hospital (Isle of Man), the Robert Jones and
/// Agnes Hunt's at Glan Clwyd and Wrexham Maelor. The trust holds clinics there; it does not
/// run the hospital, which belongs to that nation's health service and is in no NHS England
/// league table. So such a site is never named as a hospital its trust runs, is not a place its
/// trust is measured from for "nearest", and an answer that matched its name says where it is.
///
/// A site's country comes from its postcode, by the rule the postcode lookup uses
/// (`PostcodeIndex.country(of:sector:district:)`): the area for Northern Ireland and the Crown
/// Dependencies, else its sector's country (it follows the borders districts straddle, such as
/// CH, LD, SY and TD), else its district's.
enum SitesOutsideEngland {
    /// The country of every site whose postcode is outside England, by site code; sites in
    /// England, or whose country is not recorded, are not listed.
    static func countries(
        of sites: [SiteRecord], sectors: [PostcodeCentroid], districts: [PostcodeCentroid]
    ) -> [String: PostcodeCountry] {
        countries(of: sites.map { ($0.siteCode, $0.postcode) }, sectors: sectors, districts: districts)
    }

    /// The same for any coded places (a trust's headquarters too): the country of each
    /// postcode outside England, by code.
    static func countries(
        of places: [(code: String, postcode: String?)], sectors: [PostcodeCentroid], districts: [PostcodeCentroid]
    ) -> [String: PostcodeCountry] {
        var postcodes: [(siteCode: String, postcode: Postcode)] = []
        postcodes.reserveCapacity(places.count)
        for place in places {
            if let text = place.postcode, let postcode = Postcode(text) { postcodes.append((place.code, postcode)) }
        }
        // Only the sectors and districts the sites are in (a few thousand of each table's rows).
        let wantedSectors = Set(postcodes.compactMap(\.postcode.sector))
        let wantedDistricts = Set(postcodes.map(\.postcode.district))
        var sectorEntries: [String: PostcodeIndex.Entry] = [:]
        for c in sectors where wantedSectors.contains(c.code) { sectorEntries[c.code] = PostcodeIndex.Entry(c) }
        var districtEntries: [String: PostcodeIndex.Entry] = [:]
        for c in districts where wantedDistricts.contains(c.code) { districtEntries[c.code] = PostcodeIndex.Entry(c) }
        var outside: [String: PostcodeCountry] = [:]
        for (siteCode, postcode) in postcodes {
            let country = PostcodeIndex.country(
                of: postcode, sector: postcode.sector.flatMap { sectorEntries[$0] },
                district: districtEntries[postcode.district])
            if country != .england && country != .unknown { outside[siteCode] = country }
        }
        return outside
    }
}
