import CLeagueProto

// Enum conversions. protobuf-c stores whatever number arrived on the wire
// (proto3 enums are open), so a value from a newer peer is mapped to the
// enum's "unspecified" case instead of trapping. `Code` has no such case, so an
// unknown status code reads as `.unknown` (what gRPC does too).

extension LeagueTableKind {
    init(protobufC value: Nhs__League__V1__LeagueTableKind) {
        self = LeagueTableKind(rawValue: Int32(truncatingIfNeeded: value.rawValue)) ?? .unspecified
    }

    var protobufC: Nhs__League__V1__LeagueTableKind {
        Nhs__League__V1__LeagueTableKind(rawValue: .init(truncatingIfNeeded: self.rawValue))
    }
}

extension MatchKind {
    init(protobufC value: Nhs__League__V1__MatchKind) {
        self = MatchKind(rawValue: Int32(truncatingIfNeeded: value.rawValue)) ?? .unspecified
    }

    var protobufC: Nhs__League__V1__MatchKind {
        Nhs__League__V1__MatchKind(rawValue: .init(truncatingIfNeeded: self.rawValue))
    }
}

extension MatchField {
    init(protobufC value: Nhs__League__V1__MatchField) {
        self = MatchField(rawValue: Int32(truncatingIfNeeded: value.rawValue)) ?? .unspecified
    }

    var protobufC: Nhs__League__V1__MatchField {
        Nhs__League__V1__MatchField(rawValue: .init(truncatingIfNeeded: self.rawValue))
    }
}

extension LocationPrecision {
    init(protobufC value: Nhs__League__V1__LocationPrecision) {
        self = LocationPrecision(rawValue: Int32(truncatingIfNeeded: value.rawValue)) ?? .unspecified
    }

    var protobufC: Nhs__League__V1__LocationPrecision {
        Nhs__League__V1__LocationPrecision(rawValue: .init(truncatingIfNeeded: self.rawValue))
    }
}

extension StatusCode {
    init(protobufC value: Nhs__League__V1__Code) {
        self = StatusCode(rawValue: Int32(truncatingIfNeeded: value.rawValue)) ?? .unknown
    }

    var protobufC: Nhs__League__V1__Code {
        Nhs__League__V1__Code(rawValue: .init(truncatingIfNeeded: self.rawValue))
    }
}
