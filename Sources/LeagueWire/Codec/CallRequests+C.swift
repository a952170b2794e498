import CLeagueProto

// Conversions for each call's request message (the `call` oneof of `Request`).
// `ServerInfoRequest` has no fields and no Swift type: it is `Call.serverInfo`.

extension GetTrustRequest: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__GetTrustRequest> {
        let m = arena.message(nhs__league__v1__get_trust_request__init)
        m.pointee.ods_code = arena.string(self.odsCode)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__GetTrustRequest>) {
        self.init(odsCode: String(protobufC: cMessage.pointee.ods_code))
    }
}

extension FindTrustsRequest: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__FindTrustsRequest> {
        let m = arena.message(nhs__league__v1__find_trusts_request__init)
        m.pointee.query = arena.string(self.query)
        m.pointee.limit = self.limit
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__FindTrustsRequest>) {
        let c = cMessage.pointee
        self.init(query: String(protobufC: c.query), limit: c.limit)
    }
}

extension NearestRequest: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__NearestRequest> {
        let m = arena.message(nhs__league__v1__nearest_request__init)
        m.pointee.postcode = arena.string(self.postcode)
        if let latitude = self.latitude {
            m.pointee.latitude_present_case = NHS__LEAGUE__V1__NEAREST_REQUEST__LATITUDE_PRESENT_LATITUDE
            m.pointee.latitude = latitude
        }
        if let longitude = self.longitude {
            m.pointee.longitude_present_case = NHS__LEAGUE__V1__NEAREST_REQUEST__LONGITUDE_PRESENT_LONGITUDE
            m.pointee.longitude = longitude
        }
        m.pointee.limit = self.limit
        m.pointee.n_tables = self.tables.count
        m.pointee.tables = arena.array(self.tables.map(\.protobufC))
        if let maxDistanceKm = self.maxDistanceKm {
            m.pointee.max_distance_km_present_case =
                NHS__LEAGUE__V1__NEAREST_REQUEST__MAX_DISTANCE_KM_PRESENT_MAX_DISTANCE_KM
            m.pointee.max_distance_km = maxDistanceKm
        }
        m.pointee.include_clinics = self.includeClinics.protobufC
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__NearestRequest>) {
        let c = cMessage.pointee
        self.init()
        self.postcode = String(protobufC: c.postcode)
        self.latitude =
            c.latitude_present_case == NHS__LEAGUE__V1__NEAREST_REQUEST__LATITUDE_PRESENT_LATITUDE ? c.latitude : nil
        self.longitude =
            c.longitude_present_case == NHS__LEAGUE__V1__NEAREST_REQUEST__LONGITUDE_PRESENT_LONGITUDE
            ? c.longitude : nil
        self.limit = c.limit
        // An unknown table number from a newer client reads as `.unspecified`
        // (kept, not dropped, so the count the client sent is preserved).
        if let tables = c.tables, c.n_tables > 0 {
            self.tables = UnsafeBufferPointer(start: tables, count: c.n_tables).map(LeagueTableKind.init(protobufC:))
        }
        self.maxDistanceKm =
            c.max_distance_km_present_case == NHS__LEAGUE__V1__NEAREST_REQUEST__MAX_DISTANCE_KM_PRESENT_MAX_DISTANCE_KM
            ? c.max_distance_km : nil
        self.includeClinics = Bool(protobufC: c.include_clinics)
    }
}

extension ListActionsRequest: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__ListActionsRequest> {
        let m = arena.message(nhs__league__v1__list_actions_request__init)
        m.pointee.ods_code = arena.string(self.odsCode)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__ListActionsRequest>) {
        self.init(odsCode: String(protobufC: cMessage.pointee.ods_code))
    }
}

extension LeagueTableRequest: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__LeagueTableRequest> {
        let m = arena.message(nhs__league__v1__league_table_request__init)
        m.pointee.table = self.table.protobufC
        m.pointee.quarter = arena.string(self.quarter)
        if let segment = self.segment {
            m.pointee.segment_present_case = NHS__LEAGUE__V1__LEAGUE_TABLE_REQUEST__SEGMENT_PRESENT_SEGMENT
            m.pointee.segment = segment
        }
        m.pointee.region = arena.string(self.region)
        m.pointee.descending = self.descending.protobufC
        m.pointee.offset = self.offset
        m.pointee.limit = self.limit
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__LeagueTableRequest>) {
        let c = cMessage.pointee
        self.init()
        self.table = LeagueTableKind(protobufC: c.table)
        self.quarter = String(protobufC: c.quarter)
        self.segment =
            c.segment_present_case == NHS__LEAGUE__V1__LEAGUE_TABLE_REQUEST__SEGMENT_PRESENT_SEGMENT ? c.segment : nil
        self.region = String(protobufC: c.region)
        self.descending = Bool(protobufC: c.descending)
        self.offset = c.offset
        self.limit = c.limit
    }
}

extension TrustHistoryRequest: CMessageConvertible {
    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Nhs__League__V1__TrustHistoryRequest> {
        let m = arena.message(nhs__league__v1__trust_history_request__init)
        m.pointee.ods_code = arena.string(self.odsCode)
        return m
    }

    init(cMessage: UnsafePointer<Nhs__League__V1__TrustHistoryRequest>) {
        self.init(odsCode: String(protobufC: cMessage.pointee.ods_code))
    }
}
