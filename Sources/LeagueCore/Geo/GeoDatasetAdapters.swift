import Foundation

// Adapters from the loaded `Dataset` to the geographic indexes.

extension GeoTables {
    /// The bit for one league table.
    public init(_ table: TableKind) {
        switch table {
        case .acute: self = .acute
        case .nonAcute: self = .nonAcute
        case .ambulance: self = .ambulance
        }
    }

    /// The bits for several tables (an empty sequence gives an empty set, which queries treat as "all").
    public init<S: Sequence>(_ tables: S) where S.Element == TableKind {
        self = []
        for t in tables { formUnion(GeoTables(t)) }
    }

    /// The tables in the set, in fixed order.
    public var tableKinds: [TableKind] {
        TableKind.allCases.filter { contains(GeoTables($0)) }
    }
}

extension GeoTrustInput {
    /// The index inputs for every trust of a dataset: `tables` = every table the trust is ranked in
    /// (any quarter); `isOpen` = false when ODS says closed or a close date is recorded.
    public static func all(from dataset: Dataset) -> [GeoTrustInput] {
        dataset.trusts.map { t in
            let tables = GeoTables((dataset.rankingsByTrust[t.odsCode] ?? []).map(\.table))
            let open: Bool? = (t.isOpen == false || t.closeDate != nil) ? false : t.isOpen
            return GeoTrustInput(
                odsCode: t.odsCode, tables: tables, isOpen: open,
                headquartersPostcode: t.hqPostcode,
                headquartersLatitude: t.hqLatitude, headquartersLongitude: t.hqLongitude)
        }
    }
}

extension GeoSiteInput {
    /// The places a trust is measured from, each attributed to its main operator (`MainOperatorRule`),
    /// so Manchester University's code inside Blackpool Victoria Hospital places Blackpool, not Manchester.
    /// - Parameter includeClinics: false (default): open inpatient sites only (hospitals and units
    ///   ERIC lists as inpatient, and hospitals opened since whose operator is on record); true:
    ///   every open site, clinics and offices too.
    ///   Sites outside England (`SitesOutsideEngland`) are never places.
    ///   Sites at the same spot (one postcode) come in the order patients would name them, and
    ///   the nearest search reports the first: hospitals ERIC lists first (Salford Royal before
    ///   the intermediate care unit at its postcode), then by name.
    public static func places(in dataset: Dataset, includeClinics: Bool = false) -> [GeoSiteInput] {
        let keyed: [(key: (kind: Int, inferred: Int, name: String), code: String, place: GeoSiteInput)] =
            dataset.sites.compactMap { s in
                guard s.isOpen, let op = dataset.siteOperators[s.siteCode] else { return nil }
                // Another nation's hospital where the trust holds a clinic: not where it is measured from.
                if dataset.sitesOutsideEngland[s.siteCode] != nil { return nil }
                // Not a hospital whose operator is not on record: Nuffield Health Leeds placed
                // Bradford in Leeds city centre (`Dataset.isRunAsInpatientSite`).
                if !includeClinics && !dataset.isRunAsInpatientSite(s) { return nil }
                let place = GeoSiteInput(
                    siteCode: s.siteCode, name: s.name, postcode: s.postcode, latitude: s.latitude,
                    longitude: s.longitude, currentParentOdsCode: op.mainOperator, parentIsDerived: false)
                return (s.placeOrder, s.siteCode, place)
            }
        return keyed.sorted { $0.key < $1.key || ($0.key == $1.key && $0.code < $1.code) }.map(\.place)
    }
}

extension GeoIndex {
    /// The nearest-trust index of a dataset: each open, ranked trust at its open inpatient sites
    /// (`GeoSiteInput.places(in:includeClinics:)`); a ranked trust with none (ambulance trusts, some
    /// community and mental health trusts) is placed at its headquarters, and answers mark it.
    /// Trusts whose open status is not recorded (TAD, TAH, TAJ: not in the ODS etr list, but ranked
    /// in the latest quarter) are kept; trusts that are closed (e.g. RVJ, merged into RA7) are not.
    public init(dataset: Dataset, includeClinics: Bool = false) {
        self.init(
            trusts: GeoTrustInput.all(from: dataset),
            sites: GeoSiteInput.places(in: dataset, includeClinics: includeClinics))
    }
}

extension PostcodeIndex.Entry {
    public init(_ centroid: PostcodeCentroid) {
        let country: PostcodeCountry
        switch centroid.kind {
        case .sector: country = PostcodeCountry(countryName: centroid.region ?? "")
        case .district: country = PostcodeCountry(ukRegion: centroid.region ?? "")
        }
        self.init(key: centroid.code, latitude: centroid.latitude, longitude: centroid.longitude, country: country)
    }
}

extension PostcodeIndex {
    /// The postcode index of a dataset, with an optional full-postcode table
    /// (see `FullPostcodeTable.load(fromDataDirectory:)`).
    public init(dataset: Dataset, fullPostcodes: FullPostcodeTable = FullPostcodeTable()) {
        self.init(
            sectors: dataset.postcodeSectors.map(Entry.init),
            districts: dataset.postcodeDistricts.map(Entry.init),
            fullPostcodes: fullPostcodes, towns: PostTownIndex(districts: dataset.postcodeDistricts))
    }
}

extension FullPostcodeTable {
    /// Loads `<directory>/postcodes_full.csv` if an operator has imported Code-Point Open there;
    /// an empty table otherwise.
    public static func load(fromDataDirectory directory: URL) throws -> FullPostcodeTable {
        try load(contentsOf: directory.appendingPathComponent(fileName))
    }
}
