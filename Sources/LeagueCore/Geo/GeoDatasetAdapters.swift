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
    public init(_ site: SiteRecord) {
        self.init(
            siteCode: site.siteCode, name: site.name, postcode: site.postcode,
            latitude: site.latitude, longitude: site.longitude,
            currentParentOdsCode: site.currentParentODSCode, parentIsDerived: site.isParentDerived)
    }
}

extension GeoIndex {
    /// The nearest-trust index of a dataset: every site with a known current parent that is an open,
    /// ranked trust; a ranked trust with no such site is placed at its headquarters.
    /// Trusts whose open status is not recorded (TAD, TAH, TAJ: not in the ODS etr list, but ranked
    /// in the latest quarter) are kept; trusts that are closed (e.g. RVJ, merged into RA7) are not.
    public init(dataset: Dataset) {
        self.init(trusts: GeoTrustInput.all(from: dataset), sites: dataset.sites.map(GeoSiteInput.init))
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
            fullPostcodes: fullPostcodes)
    }
}

extension FullPostcodeTable {
    /// Loads `<directory>/postcodes_full.csv` if an operator has imported Code-Point Open there;
    /// an empty table otherwise.
    public static func load(fromDataDirectory directory: URL) throws -> FullPostcodeTable {
        try load(contentsOf: directory.appendingPathComponent(fileName))
    }
}
