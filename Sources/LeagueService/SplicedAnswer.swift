import LeagueWire

/// An OK answer that lists trusts, kept encoded without the trusts' `Trust` messages
/// (cached once per trust and snapshot), ready to be written around them: the result's
/// fields before and after its list, and each list element's fields but its `trust`.
/// A FindTrusts answer kept this way takes a few hundred bytes per match instead of each
/// trust's whole encoding (8.7 kB on average with its sites), and a use of it converts and
/// packs nothing: it is written out with the trusts spliced in (`LeagueService.assembled`).
struct SplicedAnswer: Sendable {
    /// `Response`'s field holding the result (`find_trusts`, `nearest`).
    var resultField: Int
    /// The result's fields numbered below its list, encoded.
    var before: [UInt8]
    /// The result's repeated field the elements belong to.
    var listField: Int
    var elements: [Element]
    /// The result's fields numbered above its list, encoded.
    var after: [UInt8]

    /// One list element (`TrustMatch`, `NearbyTrust`): its trust (field 1) and the rest.
    struct Element: Sendable {
        /// The trust whose `Trust` message goes into the element's field 1.
        var trustCode: String
        /// The element's other fields, encoded.
        var rest: [UInt8]
    }

    /// About what it holds, for the cache budget.
    var byteCount: Int {
        elements.reduce(64 + before.count + after.count) { $0 + $1.rest.count + $1.trustCode.utf8.count + 16 }
    }
}
