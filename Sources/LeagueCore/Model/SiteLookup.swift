/// Hospital sites by site code, over one shared array of records.
///
/// A dictionary of `SiteRecord` values held a second copy of every site (~0.5 kB each); this holds
/// each site's position instead and reads the record from the array the dataset already keeps.
public struct SiteLookup: Sendable {
    private let sites: [SiteRecord]
    private let positions: [String: Int32]

    /// Indexes `sites` by `siteCode`; where a code repeats, the first record wins.
    init(sites: [SiteRecord]) {
        self.sites = sites
        var positions: [String: Int32] = [:]
        positions.reserveCapacity(sites.count)
        for (i, s) in sites.enumerated() where positions[s.siteCode] == nil { positions[s.siteCode] = Int32(i) }
        self.positions = positions
    }

    /// The site with this (normalised) code, if any.
    public subscript(code: String) -> SiteRecord? { positions[code].map { sites[Int($0)] } }

    /// Number of distinct site codes.
    public var count: Int { positions.count }
}
