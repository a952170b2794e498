import LeagueWire

/// The patient-facing text for one trust: latest position in words, movement,
/// domains, history, caveats and sources, in 80 columns.
enum TrustReport {
    static func render(detail: TrustDetail, history: TrustHistoryResult?, matches: [TrustMatch], style: Style) -> String
    {
        let trust = detail.trust
        var out: [String] = []
        if let best = matches.first, !best.headline.isEmpty {
            out.append(style.bold(TextLayout.wrap(best.headline + ".")))
        }
        if let best = matches.first, !best.successorNote.isEmpty {
            out.append(style.yellow(TextLayout.wrap(best.successorNote + ".")))
        }
        out.append(style.bold("\(trust.name) (\(trust.odsCode))"))
        // A trust in no table (NHS Wales trusts in the ODS list, closed trusts) has no kind to name.
        var facts = [trust.table == .unspecified ? "In no league table" : trust.table.label.capitalizedFirst + " trust"]
        if !trust.region.isEmpty { facts.append(trust.region) }
        if trust.siteCount > 0 {
            facts.append("\(trust.siteCount) hospital site\(trust.siteCount == 1 ? "" : "s") listed")
        }
        out.append(TextLayout.wrap(facts.joined(separator: " · ")))
        if let best = matches.first, best.field == .alias || best.field == .formerName, best.successorNote.isEmpty {
            out.append(style.dim(TextLayout.wrap("Matched " + best.matchedWords)))
        }
        if let best = matches.first, !best.alsoProvidesServicesHere.isEmpty {
            out.append(
                style.dim(
                    TextLayout.wrap(
                        "Also provides services here: " + best.alsoProvidesServicesHere.joined(separator: "; "))))
        }
        out.append(contentsOf: mainHospitalLines(detail.mainHospitals, style: style))
        out.append("")

        if let latest = trust.latest {
            let when = [latest.period, latest.published.isEmpty ? "" : "published \(latest.published)"]
                .filter { !$0.isEmpty }.joined(separator: "; ")
            out.append(style.bold("Latest: \(latest.quarter)") + (when.isEmpty ? "" : " (\(when))"))
            out.append(contentsOf: rankingLines(latest, style: style))
            if !trust.latestNote.isEmpty {
                out.append("  " + style.yellow(TextLayout.wrap(trust.latestNote, indent: 2, firstLineUsed: 2)))
            }
            if let gap = latest.gapToNextSegment {
                out.append("")
                out.append(
                    style.bold("What it would take")
                        + style.dim(" (derived by this service, not published by NHS England)"))
                out.append("  " + TextLayout.wrap(gap.explanation, indent: 2, firstLineUsed: 2))
            }
            if !latest.domains.isEmpty {
                out.append("")
                out.append(domainTable(latest))
            }
        } else {
            out.append("No published league position for this trust.")
            if !trust.latestNote.isEmpty { out.append(TextLayout.wrap(trust.latestNote)) }
        }

        if let highlights = detail.metricHighlights {
            out.append("")
            out.append(contentsOf: MetricText.highlights(highlights, style: style))
        }

        if let history, history.rankings.count > 1 {
            out.append("")
            out.append(style.bold("History"))
            out.append(historyTable(history.rankings))
        }

        let caveats = detail.caveats + (trust.latest?.caveats ?? [])
        if !caveats.isEmpty {
            out.append("")
            out.append(style.bold("Keep in mind"))
            for caveat in caveats { out.append("  - " + TextLayout.wrap(caveat, indent: 4, firstLineUsed: 4)) }
        }
        if let source = trust.latest?.source, !source.isEmpty {
            out.append("")
            out.append(style.dim("Source: " + TextLayout.wrap(source, indent: 8, firstLineUsed: 8)))
        }
        let others = matches.dropFirst().prefix(4)
        if !others.isEmpty {
            out.append("")
            out.append("Did you mean another trust?")
            for match in others {
                out.append(
                    "  " + TextLayout.fit("\(match.trust.odsCode)  \(match.trust.name)  (\(match.matchedText))", 76))
            }
        }
        return out.joined(separator: "\n")
    }

    /// The trust's own hospitals (it is their main operator): the ranking covers all of them.
    static func mainHospitalLines(_ sites: [HospitalSite], style: Style) -> [String] {
        let hospitals = sites.filter {
            ["acute_hospital", "specialist_hospital", "community_hospital"].contains($0.kind)
        }
        let shown = hospitals.isEmpty ? sites : hospitals
        guard !shown.isEmpty else { return [] }
        var unique: [String] = []
        for site in shown where !unique.contains(site.name) { unique.append(site.name) }
        var names = Array(unique.prefix(8))
        if unique.count > 8 { names.append("and \(unique.count - 8) more") }
        return [TextLayout.wrap("The ranking covers the whole trust, which runs: " + names.joined(separator: ", "))]
    }

    static func rankingLines(_ ranking: Ranking, style: Style) -> [String] {
        var lines: [String] = []
        var position = RankingText.position(ranking) + " in the \(ranking.table.name) table"
        let move = RankingText.movement(ranking.movement)
        if !move.isEmpty { position += ", " + move }
        lines.append("  Position  " + TextLayout.wrap(position, indent: 12, firstLineUsed: 12))
        lines.append("  Segment   " + style.segment(ranking.segment, RankingText.segment(ranking)))
        lines.append(
            "  Score     \(RankingText.score(ranking.averageMetricScore))  (average metric score: 1.0 best, 4.0 worst)")
        if ranking.financialOverride == true {
            let unadjusted = ranking.unadjustedSegment.map { " (its scores alone gave segment \($0))" } ?? ""
            lines.append(
                "  "
                    + TextLayout.wrap(
                        "Finance rule: the segment was capped because of the trust's financial position\(unadjusted).",
                        indent: 2, firstLineUsed: 2))
        }
        if ranking.recoverySupportProgramme == true {
            lines.append("  In the Recovery Support Programme (intensive support, segment 5).")
        }
        return lines
    }

    static func domainTable(_ ranking: Ranking) -> String {
        let rows = ranking.domains.map { domain in
            [
                domain.name, RankingText.score(domain.score).replacingOccurrences(of: "not published", with: "-"),
                RankingText.cell(domain.segment),
            ]
        }
        return TextLayout.table(
            headers: ["Domain (\(ranking.quarter))", "Score", "Segment"], rows: rows, flexible: [0],
            rightAligned: [1, 2],
            indent: 2)
    }

    static func historyTable(_ rankings: [Ranking]) -> String {
        let rows = rankings.map { ranking in
            [
                ranking.quarter, RankingText.position(ranking), RankingText.cell(ranking.segment),
                ranking.averageMetricScore.map(RankingText.format) ?? "-", RankingText.arrow(ranking.movement),
            ]
        }
        return TextLayout.table(
            headers: ["Quarter", "Position", "Segment", "Score", "Move"], rows: rows, rightAligned: [2, 3], indent: 2)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
