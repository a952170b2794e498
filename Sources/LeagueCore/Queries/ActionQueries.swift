/// An improvement action: curated from a public source, or derived from the data.
public struct ActionView: Sendable, Hashable {
    public var date: String?
    public var title: String
    public var category: String?
    public var status: String?
    public var sourceURL: String?
    public var note: String?
    /// True when this service derived it from the league data (not a sourced action).
    public var derived: Bool
    /// Kind of source (nil for derived pointers).
    public var sourceType: ActionSourceType? = nil
    /// The source in plain words, e.g. "from a summary of the trust's board papers ..." (nil for derived pointers).
    public var sourceText: String? { sourceType?.plainText }
}

public struct ActionsAnswer: Sendable, Hashable {
    public var summary: TrustSummary
    /// Curated actions newest first (undated last), then derived pointers.
    public var actions: [ActionView]
    public var text: String
}

extension TrustQueries {
    /// `list_actions`: what is being done to improve a trust, with derived pointers
    /// that are true by the data (Recovery Support Programme, weakest domain).
    public func actions(_ odsCode: String) throws(QueryError) -> ActionsAnswer {
        let trust = try requireTrust(odsCode)
        let summary = summary(of: trust)
        let curated = dataset.actions(for: trust.odsCode)
            .sorted { ($0.date ?? "", $0.title) > ($1.date ?? "", $1.title) }
            .map {
                ActionView(
                    date: $0.date, title: $0.title, category: $0.category, status: $0.status,
                    sourceURL: $0.sourceURL, note: $0.note, derived: false, sourceType: $0.sourceType)
            }
        var derived: [ActionView] = []
        let latest = summary.latest
        // The programme flag is published for Q1-Q2 2025/26 only: name the last quarter it was
        // set, if ever; a segment-5 trust is in intensive support by definition.
        if let rsp = dataset.rankings(for: trust.odsCode).last(where: { $0.recoverySupportProgramme == true }) {
            derived.append(
                ActionView(
                    date: nil,
                    title:
                        "Flagged in NHS England's Recovery Support Programme (intensive support, segment 5) in \(rsp.quarter.label).",
                    category: "national support programme", status: nil, sourceURL: nil,
                    note: "From the published oversight data; the flag is published for Q1-Q2 2025/26 only.",
                    derived: true))
        } else if let latest, latest.record.segment == 5 {
            derived.append(
                ActionView(
                    date: nil,
                    title:
                        "In segment 5 in \(latest.record.quarter.label): intensive support through NHS England's Recovery Support Programme.",
                    category: "national support programme", status: nil, sourceURL: nil,
                    note: "Segment 5 is the framework's intensive-support segment.", derived: true))
        }
        if let latest, let weakest = latest.domains.filter({ $0.score != nil }).max(by: { $0.score! < $1.score! }) {
            derived.append(
                ActionView(
                    date: nil,
                    title:
                        "Weakest domain in \(latest.record.quarter.label): \(weakest.name) (score \(RankingExplainer.format(weakest.score!))"
                        + (weakest.segment.map { ", segment \($0)" } ?? "") + ").",
                    category: "weakest domain", status: nil, sourceURL: nil,
                    note: weakest.definition?.description, derived: true))
        }
        let name = trust.displayName
        var text: String
        if curated.isEmpty {
            text = "No improvement actions are recorded in this dataset for \(name)."
            if let segment = latest?.record.segment {
                text += " " + Self.supportImplied(bySegment: segment)
            }
        } else {
            text = "\(curated.count) sourced action\(curated.count == 1 ? "" : "s") recorded for \(name), newest first."
            text += " Each is a summary of the linked public page, not NHS England's own list."
            let board = curated.filter { $0.sourceType == .boardPapersAISummary }.count
            if board > 0 {
                text +=
                    " \(board) come from third-party, AI-assisted summaries of the trust's board papers, not the trust's own words."
            }
        }
        return ActionsAnswer(summary: summary, actions: curated + derived, text: text)
    }

    /// What national support a segment implies under the Oversight Framework.
    static func supportImplied(bySegment segment: Int) -> String {
        switch segment {
        case 1, 2:
            "In segment \(segment), the framework expects the trust to lead its own improvement with routine oversight."
        case 3:
            "In segment 3, the framework implies closer oversight and targeted support from NHS England's regional team."
        case 4: "In segment 4, the framework implies enhanced oversight and support from NHS England."
        case 5: "In segment 5, the trust receives intensive support through NHS England's Recovery Support Programme."
        default: ""
        }
    }
}
