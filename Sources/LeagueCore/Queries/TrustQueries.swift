/// A trust with its latest ranking explained: what `get_trust`, search results,
/// nearest results and league tables all show about one trust.
public struct TrustSummary: Sendable, Hashable {
    public var trust: TrustRecord
    /// The newest quarter that ranks the trust.
    public var latest: RankingView?
    /// Set when the newest published quarter of its table does not rank it.
    public var latestNote: String?
    public var siteCount: Int
    /// Predecessor ODS codes (trusts merged into this one).
    public var formerCodes: [String]
    /// Where this trust's services went, when it was merged away.
    public var successorCodes: [String]
}

/// A trust's full detail for `get_trust`.
public struct TrustDetailView: Sendable, Hashable {
    public var summary: TrustSummary
    public var sites: [SiteRecord]
    public var caveats: [String]
}

/// The read-only questions the service answers, over one immutable dataset.
public struct TrustQueries: Sendable {
    public let dataset: Dataset
    public let explainer: RankingExplainer

    public init(dataset: Dataset) {
        self.dataset = dataset
        self.explainer = RankingExplainer(dataset: dataset)
    }

    /// Looks a trust up by ODS code, or throws a `QueryError` (not found / invalid argument).
    public func requireTrust(_ odsCode: String) throws(QueryError) -> TrustRecord {
        let code = Dataset.normaliseCode(odsCode)
        guard !code.isEmpty else {
            throw QueryError(.invalidArgument, "no ODS code given: give a trust code such as RP6, or search by name")
        }
        guard code.count <= 10, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw QueryError(
                .invalidArgument, "\"\(odsCode.prefix(20))\" is not an ODS code (3-5 letters and digits, e.g. RP6)")
        }
        guard let trust = dataset.trust(code) else {
            throw QueryError(.notFound, "no NHS trust has the ODS code \(code); search by name instead")
        }
        return trust
    }

    public func summary(of trust: TrustRecord) -> TrustSummary {
        let latest = dataset.latestRanking(for: trust.odsCode)
        return TrustSummary(
            trust: trust,
            latest: latest.map { explainer.explain($0.ranking) },
            latestNote: latest?.note,
            siteCount: dataset.siteCount(parent: trust.odsCode),
            formerCodes: (dataset.predecessorsBySuccessorCode[trust.odsCode] ?? []).map(\.oldCode).sorted(),
            successorCodes: (dataset.successorsByOldCode[trust.odsCode] ?? []).map(\.successorCode).sorted())
    }

    /// `get_trust`: the trust, its latest ranking explained, its sites and caveats.
    public func detail(_ odsCode: String) throws(QueryError) -> TrustDetailView {
        let trust = try requireTrust(odsCode)
        let summary = summary(of: trust)
        let sites = dataset.sites(parent: trust.odsCode).sorted { $0.name < $1.name }
        var caveats: [String] = []
        if sites.count > 1 {
            caveats.append(
                "The league position is for the whole trust, which has \(sites.count) listed sites; "
                    + "individual hospitals and departments can do better or worse than the trust as a whole.")
        } else {
            caveats.append(
                "The league position is for the whole trust; individual services and departments can differ.")
        }
        if sites.contains(where: \.isParentDerived) {
            caveats.append(
                "Some sites are linked to this trust through NHS successor records (mergers), not a published site list."
            )
        }
        if summary.latest == nil {
            if let country = dataset.trustsOutsideEngland[trust.odsCode] {
                caveats.append(
                    "This trust is in \(country.displayName) (headquarters \(trust.hqPostcode ?? "")): NHS England's league "
                        + "tables cover trusts in England only, so it has no league position. Health services in "
                        + "\(country.displayName) are run separately.")
            } else {
                caveats.append("This trust has no published league-table position in this dataset.")
            }
        }
        return TrustDetailView(summary: summary, sites: sites, caveats: caveats)
    }

    /// `trust_history`: every quarter, oldest first, with movement.
    public func history(_ odsCode: String) throws(QueryError) -> (summary: TrustSummary, rankings: [RankingView]) {
        let trust = try requireTrust(odsCode)
        return (summary(of: trust), explainer.history(of: trust.odsCode))
    }
}
