// Patient-facing text that goes with every nearest-trust answer, whatever carries it
// (the TCP protocol, the CLI, a later gRPC transport): kept in the core so each
// transport says the same thing.

extension NearestTrustSearch {
    /// Said with every answer: the distance is not a journey, and a ranking is the trust's, not the hospital's.
    public static let distanceCaveat =
        "Distances are straight-line, not travel distance. A trust's ranking covers all its hospitals."
}

extension NearestTrustSearch.Answer {
    /// Everything a person should read with this answer: the notices for this location and
    /// these trusts, then the caveat every answer carries. (The precision note is separate:
    /// it describes the location, and is shown with it.)
    public var caveats: [String] { notices + [NearestTrustSearch.distanceCaveat] }
}

extension GeoPlace {
    /// The name to show for the place a distance was measured to.
    public var displayName: String {
        switch kind {
        case .site: name ?? "Hospital site \(siteCode ?? "")"
        case .headquarters: "Trust headquarters"
        }
    }
}
