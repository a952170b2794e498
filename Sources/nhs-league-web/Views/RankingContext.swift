import LeagueWire

/// Mustache contexts for the protocol's messages. Plain dictionaries keep the templates
/// free of logic: every sentence is built here, in one place.
enum Context {
    static func trust(_ trust: Trust) -> [String: Any] {
        var context: [String: Any] = [
            "name": trust.name,
            // Distinct keys for the trust, for use inside a hospital's section (which has its own name).
            "trustName": trust.name,
            "trustHref": "/trust/\(trust.odsCode)",
            "odsCode": trust.odsCode,
            "href": "/trust/\(trust.odsCode)",
            "region": trust.region,
            "type": trust.trustSubtype.isEmpty ? trust.trustType : trust.trustSubtype,
            "table": Words.tableTitle(trust.table),
            "tableSlug": Words.tableSlug(trust.table),
            "latestNote": trust.latestNote,
            "closed": !trust.closeDate.isEmpty,
            "closeDate": trust.closeDate,
            "successorCode": trust.successorCode,
        ]
        if let latest = trust.latest {
            context["latest"] = ranking(latest)
        }
        return context
    }

    static func ranking(_ ranking: Ranking) -> [String: Any] {
        var context: [String: Any] = [
            "quarter": ranking.quarter,
            "period": ranking.period,
            "published": ranking.published,
            "position": Words.shortPosition(ranking),
            "sentence": Words.rankSentence(ranking) ?? "",
            "source": ranking.source,
            "caveats": ranking.caveats,
            "likelyRange": ranking.likelyPositionRange,
            "domains": ranking.domains.map(domain),
        ]
        if let segment = ranking.segment {
            context["segment"] = segment
            context["segmentMeaning"] = ranking.segmentMeaning
            context["segmentExplanation"] = Words.segmentExplanation(segment)
            context["segmentClass"] = "segment-\(min(segment, 5))"
        }
        if let score = ranking.averageMetricScore { context["score"] = Words.score(score) }
        if let movement = Words.movement(ranking.movement) { context["movement"] = movement }
        if ranking.financialOverride == true { context["financialOverride"] = true }
        if let gap = ranking.gapToNextSegment, !gap.explanation.isEmpty { context["gap"] = gap.explanation }
        return context
    }

    /// Scores run from 1.0 (best) to 4.0 (worst); the bar is longer for a better score.
    static func domain(_ domain: DomainScore) -> [String: Any] {
        var context: [String: Any] = [
            "name": domain.name, "description": domain.description, "source": domain.source,
        ]
        if let score = domain.score {
            context["domainScore"] = Words.score(score)
            let clamped = min(max(score, 1), 4)
            context["barWidth"] = Words.oneDecimal((4 - clamped) / 3 * 100)
        }
        if let segment = domain.segment { context["domainSegment"] = segment }
        return context
    }

    /// A hospital page's and a hospital list's fields. Who runs the site, as the records say:
    /// `runBy` when they show this trust runs it; `runByOther` (a trust code) when they show
    /// another trust does; `operatorUnconfirmed` when this trust only has a code there (an
    /// independent hospital it sends patients to, say), so the page must not say "run by".
    static func site(_ site: HospitalSite, trust: Trust) -> [String: Any] {
        var context: [String: Any] = [
            "name": site.name, "postcode": site.postcode, "siteCode": site.siteCode,
            "href": "/trust/\(trust.odsCode)/hospital/\(site.siteCode)",
        ]
        let main = site.mainOperatorOdsCode.isEmpty ? trust.odsCode : site.mainOperatorOdsCode
        if !site.mainOperatorConfirmed {
            context["operatorUnconfirmed"] = true
        } else if main == trust.odsCode {
            context["runBy"] = true
        } else {
            context["runByOther"] = main
            context["runByOtherHref"] = "/trust/\(main)"
        }
        return context
    }

    static func action(_ action: ImprovementAction) -> [String: Any] {
        [
            "title": action.title, "date": action.date, "category": action.category, "status": action.status,
            "sourceURL": action.sourceURL, "note": action.note, "derived": action.derived,
        ]
    }
}
