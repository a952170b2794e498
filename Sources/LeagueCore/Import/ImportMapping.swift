import Foundation

/// How NHS England's published NOF files map onto the canonical dataset.
///
/// Loaded from JSON (the bundled `import-mapping.json`, or `--mapping FILE`), so a renamed
/// column or metric id is handled by editing the file, not the code. Every column lists
/// alternative names; the first one present in the file's header (case-insensitive,
/// surrounding blanks ignored) is used.
public struct ImportMapping: Sendable, Codable, Equatable {
    /// Columns of the long-format `…-trust-data.csv` (one row per trust per metric).
    public struct TrustDataColumns: Sendable, Codable, Equatable {
        public var quarter: [String]
        public var region: [String]
        public var trustType: [String]
        public var trustSubtype: [String]
        public var trustCode: [String]
        public var trustName: [String]
        public var metricID: [String]
        public var value: [String]
        public var rank: [String]
    }

    /// Columns of the `…-league-table.csv` (one row per trust).
    public struct LeagueTableColumns: Sendable, Codable, Equatable {
        public var quarter: [String]
        public var trustCode: [String]
        public var averageScore: [String]
        public var segment: [String]
        public var rank: [String]
        public var financialDeficit: [String]
        public var likelyRangeOfAverageScore: [String]
        public var likelyRangeOfLeaguePosition: [String]
    }

    /// Summary metric ids (any of the listed ids) for each canonical ranking field.
    /// The league position is the Rank printed on the `segment` (adjusted segment) row.
    public struct SummaryMetrics: Sendable, Codable, Equatable {
        public var segment: [String]
        public var averageMetricScore: [String]
        public var unadjustedSegment: [String]
        public var financialOverride: [String]
        public var finalSegmentScoreOverride: [String]
        public var recoverySupportProgramme: [String]
    }

    public struct DomainMetric: Sendable, Codable, Equatable {
        /// Domain key as in `domains.csv`.
        public var key: String
        public var scoreMetric: String?
        public var segmentMetric: String?
    }

    /// A domain set (`domains.csv` `domain_set`) and the fiscal years that use it.
    public struct DomainSet: Sendable, Codable, Equatable {
        public var name: String
        public var fiscalYears: [String]
        public var domains: [DomainMetric]
    }

    public struct FlagValues: Sendable, Codable, Equatable {
        public var yes: [String]
        public var no: [String]
    }

    public var trustData: TrustDataColumns
    public var leagueTable: LeagueTableColumns
    public var metrics: SummaryMetrics
    public var domainSets: [DomainSet]
    /// Published `Trust_type` text -> table (`acute`, `non-acute`, `ambulance`).
    public var tables: [String: String]
    public var flags: FlagValues
    /// Published quarter text -> canonical label (`Q1 2026/27`), for labels that
    /// `Quarter(parsing:)` does not understand. Usually empty.
    public var quarterLabels: [String: String]?
    /// Appended to the ranking source text to make the domain rows' source text.
    public var domainSourceSuffix: String?
    /// Free text (ignored).
    public var about: String?

    /// Decodes and checks a mapping.
    public static func decode(_ data: Data, file: String) throws -> ImportMapping {
        let mapping: ImportMapping
        do {
            mapping = try JSONDecoder().decode(ImportMapping.self, from: data)
        } catch {
            throw ImportError(kind: .mapping, message: "mapping \(file) is not valid: \(Self.describe(error))")
        }
        var problems: [String] = []
        for (published, table) in mapping.tables where TableKind(parsing: table) == nil {
            problems.append(
                "tables: '\(published)' maps to unknown table '\(table)' (use acute, non-acute or ambulance)")
        }
        for (published, label) in mapping.quarterLabels ?? [:] where Quarter(parsing: label)?.label != label {
            problems.append(
                "quarterLabels: '\(published)' maps to '\(label)', which is not a canonical label such as Q1 2026/27")
        }
        var years: [String: String] = [:]
        for set in mapping.domainSets {
            for fy in set.fiscalYears {
                if let other = years[fy] {
                    problems.append("domainSets: fiscal year \(fy) is in both \(other) and \(set.name)")
                }
                years[fy] = set.name
            }
        }
        if mapping.metrics.segment.isEmpty { problems.append("metrics.segment lists no metric id") }
        if !problems.isEmpty {
            throw ImportError(
                kind: .mapping, message: "mapping \(file) is not valid:\n" + problems.joined(separator: "\n"))
        }
        return mapping
    }

    /// Reads a mapping file.
    public static func load(from url: URL) throws -> ImportMapping {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(kind: .io, message: "cannot read mapping \(url.path): \(error.localizedDescription)")
        }
        return try decode(data, file: url.lastPathComponent)
    }

    /// The domain set used in a fiscal year (`2026/27`), if the mapping has one.
    public func domainSet(forFiscalYear fiscalYear: String) -> DomainSet? {
        domainSets.first { $0.fiscalYears.contains(fiscalYear) }
    }

    /// The table for a published trust type.
    public func table(forTrustType text: String) -> TableKind? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let mapped = tables[t] ?? tables.first(where: { $0.key.caseInsensitiveCompare(t) == .orderedSame })?.value {
            return TableKind(parsing: mapped)
        }
        return TableKind(parsing: t)
    }

    /// The quarter a published label denotes.
    public func quarter(from text: String) -> Quarter? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let mapped = quarterLabels?[t] { return Quarter(parsing: mapped) }
        return Quarter(parsing: t)
    }

    /// `Y`, `N`, `""` (blank) or nil (not a flag value).
    func flag(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return "" }
        if flags.yes.contains(where: { $0.caseInsensitiveCompare(t) == .orderedSame }) { return "Y" }
        if flags.no.contains(where: { $0.caseInsensitiveCompare(t) == .orderedSame }) { return "N" }
        return nil
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let ctx):
            return "missing key '\((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
            return
                "wrong type at '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))': \(ctx.debugDescription)"
        case DecodingError.dataCorrupted(let ctx):
            return ctx.debugDescription
        default:
            return "\(error)"
        }
    }
}
