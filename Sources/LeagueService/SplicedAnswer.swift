import LeagueWire

/// An OK answer that lists trusts, kept without the trusts' `Trust` messages (cached once per
/// trust and snapshot): the result with its list left empty, and each list element encoded
/// with an empty `trust` field. A FindTrusts answer kept this way takes a few hundred bytes
/// per match instead of each trust's whole encoding (8.7 kB on average with its sites).
struct SplicedAnswer: Sendable {
    /// One list element (`TrustMatch`, `NearbyTrust`).
    struct Element: Sendable {
        /// The trust whose `Trust` message goes into the element's `trust` field.
        var trustCode: String
        /// The element, encoded with an empty `trust` field.
        var bytes: [UInt8]
    }

    /// The result, its list (`field`) left empty.
    var result: CallResult
    /// The result's repeated field the elements belong to.
    var field: Int
    var elements: [Element]

    /// About what it holds, for the cache budget (the result's strings and the elements).
    var byteCount: Int {
        elements.reduce(64) { $0 + $1.bytes.count + $1.trustCode.utf8.count }
    }
}
