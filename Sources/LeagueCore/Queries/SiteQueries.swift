/// What the answers say about hospitals: who runs one, who else is there, and what became of a
/// closed trust.
extension Dataset {
    /// "Wythenshawe Hospital is run by Manchester University NHS Foundation Trust"; for a site
    /// outside England, where the trust only provides services (`SitesOutsideEngland`),
    /// "University Hospital of Wales is in Wales, outside NHS England's league tables; Bristol NHS
    /// Foundation Trust provides services there"; for a hospital whose operator is not on record
    /// (`SiteOperators.mainOperatorConfirmed`), "Spire Hospital: Calderdale and Huddersfield NHS
    /// Foundation Trust provides services there; who runs the hospital is not confirmed by NHS
    /// estates returns (ERIC 2021/22)". Nil for an unknown site.
    public func siteHeadline(siteCode: String, trustCode: String) -> String? {
        let code = Dataset.normaliseCode(siteCode)
        guard let site = sitesByCode[code], let trust = trust(trustCode) else { return nil }
        if let country = sitesOutsideEngland[code] {
            return
                "\(site.name) is in \(country.displayName), outside NHS England's league tables; \(trust.displayName) provides services there"
        }
        if siteOperators[code]?.mainOperatorConfirmed == false {
            return
                "\(site.name): \(trust.displayName) provides services there; who runs the hospital is not confirmed by NHS estates returns (ERIC 2021/22)"
        }
        return "\(site.name) is run by \(trust.displayName)"
    }

    /// An open site with beds that its trust runs as such, as far as the records say: an inpatient
    /// site (`SiteRecord.isConfirmedInpatient`) whose operator is on record
    /// (`SiteOperators.mainOperatorConfirmed`). What nearest measures a trust from, and what
    /// search weighs as the trust's hospital; independent hospitals that got new codes in April
    /// 2022 pass the first test but not the second (Nuffield Health Leeds, under Bradford).
    public func isRunAsInpatientSite(_ site: SiteRecord) -> Bool {
        site.isConfirmedInpatient && siteOperators[site.siteCode]?.mainOperatorConfirmed == true
    }

    /// Display names of the other open trusts with site codes at the site's postcode ("also
    /// provides services here"), most codes first; `except` (the main operator) left out.
    public func alsoProvidesServicesHere(siteCode: String, except: String) -> [String] {
        guard let op = siteOperators[Dataset.normaliseCode(siteCode)] else { return [] }
        var out: [String] = []
        for code in op.alsoHere {
            let today = currentTrust(for: code).code
            guard today != except, let t = trust(today), t.isOpen != false, !out.contains(t.displayName) else {
                continue
            }
            out.append(t.displayName)
        }
        return out
    }

    /// What happened to a closed trust, from the succession records: "Barnet and Chase Farm Hospitals
    /// NHS Trust became part of Royal Free London NHS Foundation Trust in 2014" (each step of a chain).
    public func successorNote(formerCode: String) -> String? {
        let code = Dataset.normaliseCode(formerCode)
        guard let old = trust(code), old.isOpen != true, let steps = successorsByOldCode[code], !steps.isEmpty else {
            return nil
        }
        let targets = steps.map { s -> String in
            let name = trust(s.successorCode)?.displayName ?? s.successorName
            var text = name + (s.effectiveDate.map { " in \($0.year)" } ?? "")
            let next = currentTrusts(for: s.successorCode)
            if next != [s.successorCode], let later = successorNote(formerCode: s.successorCode) {
                text += " (" + later + ")"
            }
            return text
        }
        return "\(old.displayName) became part of " + targets.joined(separator: " and ")
    }
}
