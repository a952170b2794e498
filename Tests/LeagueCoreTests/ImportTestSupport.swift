import Foundation
import LeagueCore
import LeagueData

/// Helpers for the importer tests: scratch copies of the embedded dataset, and small
/// long-format trust-data files generated from the dataset's own rows.
enum ImportFixtures {
    static let fm = FileManager.default

    /// The repository root (for ../shared/data/raw).
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var rawDirectory: URL { repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data/raw") }
    static var nonAcuteTrustData: URL {
        rawDirectory.appendingPathComponent(
            "nhse_nof_q4_2025-26_mental-health-and-community-trust-data_github_Joesalmon1985_BusinessPerformanceBusinessPartnerWebsite.csv"
        )
    }
    static var nonAcuteLeagueTable: URL {
        rawDirectory.appendingPathComponent(
            "nhse_nof_q4_2025-26_mental-health-and-community-trust-league-table_github_Joesalmon1985_BusinessPerformanceBusinessPartnerWebsite.csv"
        )
    }
    static var ambulanceTrustData: URL {
        rawDirectory.appendingPathComponent(
            "nhse_nof_q4_2025-26_ambulance-trust-data_github_teatkins_NOFChartsTool.csv")
    }
    static var rawFilesPresent: Bool {
        [nonAcuteTrustData, nonAcuteLeagueTable, ambulanceTrustData].allSatisfy { fm.fileExists(atPath: $0.path) }
    }

    static var bundledMappingURL: URL {
        EmbeddedDataset.directory.deletingLastPathComponent().appendingPathComponent("import-mapping.json")
    }
    static func bundledMapping() throws -> ImportMapping { try ImportMapping.load(from: bundledMappingURL) }

    /// A fresh scratch directory.
    static func scratch(_ name: String) throws -> URL {
        let url = fm.temporaryDirectory.appendingPathComponent(
            "import-test-\(name)-\(UUID().uuidString)", isDirectory: true)
        try fm.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A writable copy of the embedded dataset (what `cp -r` gives a user).
    static func datasetCopy() throws -> URL {
        let dir = try scratch("data")
        for name in DatasetLoader.fileNames {
            try fm.copyItem(
                at: EmbeddedDataset.directory.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    /// Every dataset file's bytes.
    static func snapshot(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in DatasetLoader.fileNames { out[name] = try Data(contentsOf: dir.appendingPathComponent(name)) }
        return out
    }

    static func rows(_ url: URL) throws -> (header: [String], rows: [[String]]) {
        let parsed = CSVParser.parse(try Data(contentsOf: url))
        return (parsed.records[0].fields, parsed.records.dropFirst().map(\.fields))
    }

    static let header = [
        "Quarter", "Region", "Trust_type", "Trust_subtype", "Trust_code", "Trust_name", "Domain", "Sub-domain",
        "Metric_ID", "Metric_description", "Reporting_date", "Units", "Value", "Median_value", "Lower_quartile",
        "Upper_quartile", "Rank",
    ]

    /// A long-format trust-data CSV (NHS layout, CRLF, BOM, "3.0" style numbers) holding the
    /// summary and domain rows of one quarter+table of the embedded dataset.
    static func trustDataCSV(
        quarter: String, table: String, relabel: String? = nil,
        edit: (inout [[String]]) -> Void = { _ in }
    ) throws -> String {
        let r = try rows(EmbeddedDataset.directory.appendingPathComponent("rankings.csv"))
        let d = try rows(EmbeddedDataset.directory.appendingPathComponent("domain_scores.csv"))
        func col(_ h: [String], _ n: String) -> Int { h.firstIndex(of: n)! }
        let fy = String(quarter.split(separator: " ")[1])
        let domainMetrics: [String: (String, String)] =
            fy == "2025/26"
            ? [
                "access": ("OF4000", "OF4100"), "effectiveness_experience": ("OF4005", "OF4105"),
                "patient_safety": ("OF4002", "OF4102"),
                "people_workforce": ("OF4004", "OF4104"), "finance_productivity": ("OF4003", "OF4103"),
            ]
            : [
                "access": ("OF4200", "OF4300"), "patient_safety": ("OF4202", "OF4302"),
                "finance_productivity_innovation": ("OF4203", "OF4303"),
                "people": ("OF4204", "OF4304"), "experience_of_care": ("OF4205", "OF4305"),
                "effectiveness_population_health": ("OF4209", "OF4309"),
            ]
        let summary =
            fy == "2025/26" ? ("OF5000", "OF5002", "OF5003", "OF5004") : ("OF5200", "OF5202", "OF5203", "OF5204")
        func dotZero(_ s: String) -> String { s.isEmpty ? "" : s + ".0" }
        func flag(_ s: String) -> String { s == "Y" ? "1.0" : (s == "N" ? "0.0" : "") }
        var out: [[String]] = []
        let label = relabel ?? quarter
        for row in r.rows where row[col(r.header, "quarter")] == quarter && row[col(r.header, "table")] == table {
            let code = row[col(r.header, "ods_code")]
            let id = [
                label, row[col(r.header, "nhs_region")], row[col(r.header, "nof_trust_type")],
                row[col(r.header, "nof_trust_subtype")],
                code, row[col(r.header, "trust_name_as_published")],
            ]
            func line(_ metric: String, _ desc: String, _ value: String, rank: String = "") -> [String] {
                id + ["Summary", "Summary", metric, desc, label, "segment", value, "", "", "", rank]
            }
            out.append(
                line(
                    summary.0, "Adjusted segment", dotZero(row[col(r.header, "segment")]),
                    rank: dotZero(row[col(r.header, "league_position")])))
            out.append(line(summary.1, "Average metric score", row[col(r.header, "average_metric_score")]))
            let unadj = row[col(r.header, "unadjusted_segment")]
            if !unadj.isEmpty { out.append(line(summary.2, "Unadjusted segment", dotZero(unadj))) }
            let fo = row[col(r.header, "financial_override")]
            if !fo.isEmpty { out.append(line(summary.3, "Financial override", flag(fo))) }
            for drow in d.rows where drow[0] == quarter && drow[1] == code {
                guard let (sm, gm) = domainMetrics[drow[2]] else { continue }
                out.append(
                    id + [drow[2], drow[2], sm, "\(drow[2]) domain score", label, "score", drow[3], "", "", "", ""])
                out.append(
                    id + [
                        drow[2], drow[2], gm, "\(drow[2]) domain segment", label, "segment", dotZero(drow[4]), "", "",
                        "", "",
                    ])
            }
        }
        edit(&out)
        return "\u{FEFF}"
            + ([header] + out).map { $0.map(CSVWriter.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func write(_ text: String, named name: String) throws -> URL {
        let dir = try scratch("input")
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }
}
