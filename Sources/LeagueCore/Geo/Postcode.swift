import Foundation

/// A syntactically valid UK postcode, postcode sector or postcode district, in canonical form.
///
/// Accepted shapes (after upper-casing and ignoring surrounding/inner spaces):
/// - outward code (district): `A9`, `A99`, `A9A`, `AA9`, `AA99`, `AA9A` (e.g. "M1", "M13", "W1A", "SW1A"), plus the special "GIR";
/// - sector: outward + space + one digit ("M13 9"); without a space it is accepted only when the
///   text is not itself a valid district ("M139" → "M13 9", but "M19" is the district M19);
/// - full postcode: outward + inward `9AA` ("SW1A 1AA"); the space is optional ("sw1a1aa").
///
/// Only the *shape* is checked here. Whether the postcode exists is a question for
/// `PostcodeIndex` (a well-formed postcode that is not in the data is "unknown", not "malformed").
public struct Postcode: Sendable, Hashable, CustomStringConvertible {
    /// What a parsed postcode designates.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A full unit postcode, e.g. "M13 9WL".
        case full
        /// A postcode sector, e.g. "M13 9".
        case sector
        /// A postcode district (outward code), e.g. "M13".
        case district
    }

    /// Full, sector or district.
    public let kind: Kind
    /// The outward code (district), e.g. "M13".
    public let outward: String
    /// The inward part: "9WL" for a full postcode, "9" for a sector, "" for a district.
    public let inward: String

    /// Canonical text: "M13 9WL", "M13 9" or "M13".
    public var canonical: String { inward.isEmpty ? outward : outward + " " + inward }
    public var description: String { canonical }

    /// The district (outward code), e.g. "M13".
    public var district: String { outward }
    /// The sector ("M13 9"), or nil for a district.
    public var sector: String? { inward.isEmpty ? nil : outward + " " + String(inward.prefix(1)) }
    /// The postcode area: the leading letters of the outward code ("M", "SW", "BT").
    public var area: String { String(outward.prefix { $0.isLetter }) }

    /// The country implied by the postcode area alone, for the areas outside Great Britain
    /// (Northern Ireland "BT", Guernsey "GY", Jersey "JE", Isle of Man "IM"); nil for other areas,
    /// whose country comes from the sector/district data (areas such as "CH", "LD", "SY", "TD"
    /// straddle the England/Wales/Scotland borders).
    public var countryFromArea: PostcodeCountry? {
        switch area {
        case "BT": return .northernIreland
        case "GY", "JE": return .channelIslands
        case "IM": return .isleOfMan
        default: return nil
        }
    }

    /// Creates a postcode from its parts, which must already be canonical.
    init(kind: Kind, outward: String, inward: String) {
        self.kind = kind
        self.outward = outward
        self.inward = inward
    }

    /// Parses and normalises free text; nil when the text is not a UK postcode shape.
    public init?(_ text: String) {
        guard case .success(let postcode) = Postcode.parse(text) else { return nil }
        self = postcode
    }

    /// Parses and normalises free text (case and spacing are ignored).
    public static func parse(_ text: String) -> Result<Postcode, PostcodeSyntaxError> {
        guard let tokens = asciiTokens(text) ?? unicodeTokens(text) else {
            return .failure(PostcodeSyntaxError(input: text, reason: .invalidCharacter))
        }
        guard !tokens.isEmpty else { return .failure(PostcodeSyntaxError(input: text, reason: .empty)) }
        guard tokens.count <= 2 else { return .failure(PostcodeSyntaxError(input: text, reason: .badShape)) }

        if tokens.count == 2 {
            let out = tokens[0], inw = tokens[1]
            guard isOutward(out) else { return .failure(PostcodeSyntaxError(input: text, reason: .badShape)) }
            if inw.count == 3, isInward(inw) {
                return .success(Postcode(kind: .full, outward: string(out), inward: string(inw)))
            }
            if inw.count == 1, isDigit(inw[0]) {
                return .success(Postcode(kind: .sector, outward: string(out), inward: string(inw)))
            }
            return .failure(PostcodeSyntaxError(input: text, reason: .badShape))
        }

        let compact = tokens[0]
        if compact.count >= 5, compact.count <= 7 {
            let out = Array(compact.dropLast(3)), inw = Array(compact.suffix(3))
            if isOutward(out), isInward(inw) {
                return .success(Postcode(kind: .full, outward: string(out), inward: string(inw)))
            }
        }
        if isOutward(compact) {
            return .success(Postcode(kind: .district, outward: string(compact), inward: ""))
        }
        if compact.count >= 3, let last = compact.last, isDigit(last) {
            let out = Array(compact.dropLast())
            if isOutward(out) {
                return .success(Postcode(kind: .sector, outward: string(out), inward: string([last])))
            }
        }
        return .failure(PostcodeSyntaxError(input: text, reason: .badShape))
    }

    /// The upper-cased letter and digit runs of an ASCII text, split at white space; nil when the
    /// text is not ASCII (`unicodeTokens` reads it) or holds another character (`[]` marks that).
    /// Why: every postcode row at load and every Nearest request parses one; upper-casing the
    /// whole string and asking each scalar's Unicode properties cost ~5,000 instructions a postcode.
    /// ASCII white space (tab, LF, VT, FF, CR, space) is exactly the ASCII part of Unicode's.
    private static func asciiTokens(_ text: String) -> [[UInt8]]?? {
        // On the text's contiguous bytes when it has them (always, for the short native strings
        // postcodes are): a few instructions a byte, against ~20 through `String.UTF8View`.
        if let scanned = text.utf8.withContiguousStorageIfAvailable({ asciiTokens(bytes: $0) }) { return scanned }
        return asciiTokens(bytes: text.utf8)
    }

    private static func asciiTokens<Bytes: Collection<UInt8>>(bytes: Bytes) -> [[UInt8]]?? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        for b in bytes {
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                if !current.isEmpty { tokens.append(current); current = [] }
                continue
            }
            let upper = b >= 0x61 && b <= 0x7A ? b - 0x20 : b
            guard isDigit(upper) || isLetter(upper) else { return .some(nil) }
            current.append(upper)
        }
        if !current.isEmpty { tokens.append(current) }
        return .some(tokens)
    }

    /// `asciiTokens` for any text: upper-cased, split at Unicode white space; nil on another character.
    private static func unicodeTokens(_ text: String) -> [[UInt8]]? {
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        for scalar in text.uppercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                if !current.isEmpty { tokens.append(current); current = [] }
                continue
            }
            guard scalar.isASCII, let byte = UInt8(exactly: scalar.value), isDigit(byte) || isLetter(byte) else {
                return nil
            }
            current.append(byte)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    // MARK: shape rules

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }

    /// A9, A99, A9A, AA9, AA99, AA9A, or the special non-geographic "GIR".
    static func isOutward(_ s: [UInt8]) -> Bool {
        if s.count == 3 && s[0] == UInt8(ascii: "G") && s[1] == UInt8(ascii: "I") && s[2] == UInt8(ascii: "R") {
            return true
        }
        guard s.count >= 2, s.count <= 4, isLetter(s[0]) else { return false }
        var i = 1
        if isLetter(s[i]) { i += 1 }
        guard i < s.count, isDigit(s[i]) else { return false }
        i += 1
        if i == s.count { return true }
        guard isDigit(s[i]) || isLetter(s[i]) else { return false }
        i += 1
        return i == s.count
    }

    /// 9AA.
    static func isInward(_ s: [UInt8]) -> Bool {
        s.count == 3 && isDigit(s[0]) && isLetter(s[1]) && isLetter(s[2])
    }

    private static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}

/// Why a text is not a UK postcode shape.
public struct PostcodeSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, Equatable {
        /// Nothing but spaces.
        case empty
        /// A character other than letters, digits and spaces.
        case invalidCharacter = "invalid_character"
        /// Letters and digits in an arrangement no UK postcode, sector or district has.
        case badShape = "bad_shape"
    }
    /// The text as given.
    public var input: String
    public var reason: Reason

    public var description: String {
        switch reason {
        case .empty: return "no postcode given"
        case .invalidCharacter:
            return "\"\(input)\" is not a UK postcode: it contains characters other than letters, digits and spaces"
        case .badShape:
            return
                "\"\(input)\" is not a UK postcode: expected a full postcode such as \"SW1A 1AA\", a sector such as \"M13 9\" or a district such as \"M13\""
        }
    }
}

/// The country (or Crown Dependency) a postcode or location is in.
public enum PostcodeCountry: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case england
    case wales
    case scotland
    case northernIreland = "northern-ireland"
    /// Guernsey ("GY") and Jersey ("JE"): Crown Dependencies, not in the UK.
    case channelIslands = "channel-islands"
    /// Isle of Man ("IM"): a Crown Dependency, not in the UK.
    case isleOfMan = "isle-of-man"
    /// Not recorded (e.g. non-geographic postcodes such as BFPO "BF1").
    case unknown

    /// Reads the `country` column of postcode_sectors.csv ("England", "Wales", "Scotland").
    public init(countryName: String) {
        // Performance: the dataset's own spellings first, with no trimming or lower-casing
        // (this runs once per postcode row at start-up).
        switch countryName {
        case "England": self = .england
        case "Wales": self = .wales
        case "Scotland": self = .scotland
        case "Northern Ireland": self = .northernIreland
        default: self.init(anyCountryName: countryName)
        }
    }

    private init(anyCountryName countryName: String) {
        switch countryName.trimmedSpaces.lowercased() {
        case "england", "e92000001": self = .england
        case "wales", "w92000004": self = .wales
        case "scotland", "s92000003": self = .scotland
        case "northern ireland", "n92000002": self = .northernIreland
        case "channel islands", "l93000001": self = .channelIslands
        case "isle of man", "m83000003": self = .isleOfMan
        default: self = .unknown
        }
    }

    /// Reads the `uk_region` column of postcode_districts.csv: an English region name
    /// ("North West", "London", ...) means England; "Wales", "Scotland", "Northern Ireland" as named.
    public init(ukRegion: String) {
        let r = ukRegion.trimmedSpaces.lowercased()
        switch r {
        case "": self = .unknown
        case "wales": self = .wales
        case "scotland": self = .scotland
        case "northern ireland": self = .northernIreland
        case "channel islands": self = .channelIslands
        case "isle of man": self = .isleOfMan
        case "north east", "north west", "yorkshire and the humber", "yorkshire and humber",
            "east midlands", "west midlands", "east of england", "london", "south east", "south west",
            "england":
            self = .england
        default: self = .unknown
        }
    }

    /// Plain-English name.
    public var displayName: String {
        switch self {
        case .england: return "England"
        case .wales: return "Wales"
        case .scotland: return "Scotland"
        case .northernIreland: return "Northern Ireland"
        case .channelIslands: return "the Channel Islands"
        case .isleOfMan: return "the Isle of Man"
        case .unknown: return "an unknown country"
        }
    }

    public var description: String { rawValue }
}
