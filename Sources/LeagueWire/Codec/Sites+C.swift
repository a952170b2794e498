import CLeagueProto

// The issue-10 fields (hospital sites, main operators, successor notes), kept apart so that the
// hand-written codec can be replaced by generated code field for field.

extension HospitalSite {
    func encodeSiteFields(_ m: UnsafeMutablePointer<Nhs__League__V1__HospitalSite>, in arena: CArena) {
        m.pointee.kind = arena.string(kind)
        m.pointee.kind_inferred = kindInferred.protobufC
        m.pointee.main_operator_ods_code = arena.string(mainOperatorOdsCode)
        m.pointee.n_also_here_ods_codes = alsoHereOdsCodes.count
        m.pointee.also_here_ods_codes = arena.strings(alsoHereOdsCodes)
    }

    mutating func decodeSiteFields(_ c: Nhs__League__V1__HospitalSite) {
        kind = String(protobufC: c.kind)
        kindInferred = Bool(protobufC: c.kind_inferred)
        mainOperatorOdsCode = String(protobufC: c.main_operator_ods_code)
        alsoHereOdsCodes = decodeStrings(c.also_here_ods_codes, count: c.n_also_here_ods_codes)
    }
}

extension TrustMatch {
    func encodeSiteFields(_ m: UnsafeMutablePointer<Nhs__League__V1__TrustMatch>, in arena: CArena) {
        if let site { m.pointee.site = site.cMessage(in: arena) }
        m.pointee.headline = arena.string(headline)
        m.pointee.n_also_provides_services_here = alsoProvidesServicesHere.count
        m.pointee.also_provides_services_here = arena.strings(alsoProvidesServicesHere)
        m.pointee.former_ods_code = arena.string(formerOdsCode)
        m.pointee.successor_note = arena.string(successorNote)
    }

    mutating func decodeSiteFields(_ c: Nhs__League__V1__TrustMatch) {
        site = c.site.map { HospitalSite(cMessage: $0) }
        headline = String(protobufC: c.headline)
        alsoProvidesServicesHere = decodeStrings(c.also_provides_services_here, count: c.n_also_provides_services_here)
        formerOdsCode = String(protobufC: c.former_ods_code)
        successorNote = String(protobufC: c.successor_note)
    }
}

extension TrustDetail {
    func encodeSiteFields(_ m: UnsafeMutablePointer<Nhs__League__V1__TrustDetail>, in arena: CArena) {
        m.pointee.n_main_hospitals = mainHospitals.count
        m.pointee.main_hospitals = arena.messages(mainHospitals)
    }

    mutating func decodeSiteFields(_ c: Nhs__League__V1__TrustDetail) {
        mainHospitals = decodeMessages(c.main_hospitals, count: c.n_main_hospitals)
    }
}
