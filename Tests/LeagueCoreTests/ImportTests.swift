import Foundation
import LeagueCore
import LeagueData
import Testing

@Suite("Importer: NHS England published files -> canonical dataset")
struct ImportTests {
    typealias F = ImportFixtures

    func options(_ dir: URL, _ trustData: URL, leagueTable: URL? = nil, mapping: ImportMapping? = nil) throws
        -> ImportOptions
    {
        ImportOptions(
            dataDirectory: dir, trustData: trustData, leagueTable: leagueTable,
            mapping: try mapping ?? F.bundledMapping())
    }

    /// The source text of one (quarter, table) of the embedded rankings.
    func embeddedSource(_ quarter: String, _ table: String) throws -> String {
        let r = try F.rows(EmbeddedDataset.directory.appendingPathComponent("rankings.csv"))
        let row = r.rows.first { $0[0] == quarter && $0[1] == table }!
        return row[r.header.firstIndex(of: "source")!]
    }

    // MARK: the done-criterion: the real raw files reproduce the rows already in the dataset

    /// Imports the real NHS England Q4 2025/26 non-acute (trust data + league table) and ambulance
    /// files (each repeats Q1-Q4 2025/26) into a copy of the embedded dataset.
    ///
    /// Compares: every dataset file byte for byte. The `source` column is the one thing the files
    /// cannot supply (the dataset's rows cite where the copies were found: GitHub repository and
    /// commit), so the test passes that text with `source` / `leagueTableSource`, taken from the
    /// dataset's own rows; everything else (values, names, table sizes, joint flags, order, quoting)
    /// comes from the importer.
    ///
    /// The Q1-Q2 2025/26 patient-safety domain scores (OF4002, whose Sub-domain reads "Patient
    /// safety" there) are in the dataset too, taken from the same raw files by the converter,
    /// so nothing differs at all.
    @Test(.enabled(if: ImportFixtures.rawFilesPresent, "needs ../shared/data/raw"))
    func realRawFilesRoundTrip() throws {
        let dir = try F.datasetCopy()
        let before = try F.snapshot(dir)
        let base = try embeddedSource("Q1 2025/26", "non-acute")
        let q4 = try embeddedSource("Q4 2025/26", "non-acute")
        #expect(q4.hasPrefix(base + "; "))
        var o = try options(dir, F.nonAcuteTrustData, leagueTable: F.nonAcuteLeagueTable)
        o.source = base
        o.leagueTableSource = String(q4.dropFirst(base.count + 2))
        let r1 = try NOFImporter.run(o)
        var a = try options(dir, F.ambulanceTrustData)
        a.source = try embeddedSource("Q1 2025/26", "ambulance")
        let r2 = try NOFImporter.run(a)

        // 4 quarters x (61 non-acute, 10 ambulance), none added, none replaced in rankings.
        #expect(r1.tables.map(\.tableSize) == [61, 61, 61, 61])
        #expect(r2.tables.map(\.tableSize) == [10, 10, 10, 10])
        for t in r1.tables + r2.tables {
            #expect(t.added == 0 && t.replaced == 0 && t.otherRowsUpdated == 0, "\(t.quarterTable)")
            #expect(t.unchanged == t.tableSize)
        }
        #expect(r1.quartersAdded.isEmpty && r1.trustsAdded.isEmpty && r2.trustsAdded.isEmpty)

        // Every file, domain_scores.csv included, is byte-identical after the round trip.
        let after = try F.snapshot(dir)
        for name in DatasetLoader.fileNames {
            #expect(after[name] == before[name], "\(name) differs after the round trip")
        }
        #expect((r1.domains + r2.domains).map(\.replaced).reduce(0, +) == 0)
        #expect((r1.domains + r2.domains).map(\.added).reduce(0, +) == 0)

        // Importing the same files again changes nothing.
        let again1 = try NOFImporter.run(o), again2 = try NOFImporter.run(a)
        #expect(!again1.changed && !again2.changed)
        #expect(try F.snapshot(dir) == after)
        _ = try DatasetLoader.load(from: dir)
    }

    /// Without --source: only the source column differs from the dataset; twice = once.
    @Test(.enabled(if: ImportFixtures.rawFilesPresent, "needs ../shared/data/raw"))
    func realAmbulanceFileDefaultSourceAndIdempotence() throws {
        let dir = try F.datasetCopy()
        let before = try F.rows(dir.appendingPathComponent("rankings.csv"))
        let first = try NOFImporter.run(try options(dir, F.ambulanceTrustData))
        #expect(first.changedFiles.contains("rankings.csv"))
        #expect(first.tables.allSatisfy { $0.replaced == 10 && $0.sourceOnly == 10 && $0.tableSize == 10 })
        let after = try F.rows(dir.appendingPathComponent("rankings.csv"))
        let sourceCol = before.header.firstIndex(of: "source")!
        #expect(before.rows.count == after.rows.count)
        for (b, a) in zip(before.rows, after.rows) {
            var b2 = b, a2 = a
            b2.remove(at: sourceCol); a2.remove(at: sourceCol)
            #expect(b2 == a2)
            if b[1] == "ambulance" && b[0].hasSuffix("2025/26") {
                #expect(
                    a[sourceCol].contains("nhse_nof_q4_2025-26_ambulance-trust-data_github_teatkins_NOFChartsTool.csv"))
            } else {
                #expect(a[sourceCol] == b[sourceCol])
            }
        }
        let snap = try F.snapshot(dir)
        let second = try NOFImporter.run(try options(dir, F.ambulanceTrustData))
        #expect(!second.changed)
        #expect(second.description.contains("no change"))
        #expect(try F.snapshot(dir) == snap)
    }

    // MARK: self-contained round trip (generated NHS-layout file)

    @Test func generatedFileRoundTripsAndIsIdempotent() throws {
        let dir = try F.datasetCopy()
        let before = try F.snapshot(dir)
        let input = try F.write(
            try F.trustDataCSV(quarter: "Q1 2026/27", table: "ambulance"), named: "ambulance-trust-data.csv")
        var o = try options(dir, input)
        o.source = try embeddedSource("Q1 2026/27", "ambulance")
        let report = try NOFImporter.run(o)
        #expect(!report.changed, "\(report)")
        #expect(report.tables.count == 1 && report.tables[0].unchanged == 10)
        #expect(try F.snapshot(dir) == before)
    }

    // MARK: mapping

    @Test func renamedColumnAndMetricHandledByEditingOnlyTheMapping() throws {
        let dir = try F.datasetCopy()
        var text = try F.trustDataCSV(quarter: "Q4 2025/26", table: "ambulance")
        text = text.replacingOccurrences(of: "Trust_code,", with: "Provider_code,")
            .replacingOccurrences(of: ",OF5000,", with: ",OF9000,")
        let input = try F.write(text, named: "renamed.csv")

        // Bundled mapping: the renamed column is reported against the header line.
        #expect {
            try NOFImporter.run(try options(dir, input))
        } throws: { error in
            guard let e = error as? ImportError, e.kind == .invalidInput else { return false }
            return e.issues.contains { $0.description.hasPrefix("renamed.csv:1: missing column for trustCode") }
        }

        // Edited mapping JSON (a copy, as --mapping would use): same rows as before.
        var json = try String(contentsOf: F.bundledMappingURL, encoding: .utf8)
        json = json.replacingOccurrences(
            of: "\"trustCode\": [\"Trust_code\"", with: "\"trustCode\": [\"Provider_code\", \"Trust_code\""
        )
        .replacingOccurrences(of: "\"segment\": [\"OF5000\"", with: "\"segment\": [\"OF9000\", \"OF5000\"")
        let edited = try ImportMapping.decode(Data(json.utf8), file: "edited.json")
        var o = try options(dir, input, mapping: edited)
        o.source = try embeddedSource("Q4 2025/26", "ambulance")
        let report = try NOFImporter.run(o)
        #expect(report.tables.map(\.unchanged) == [10], "\(report)")
        #expect(!report.changed)
    }

    @Test func bundledMappingAgreesWithDomainsCSV() throws {
        let mapping = try F.bundledMapping()
        let d = try F.rows(EmbeddedDataset.directory.appendingPathComponent("domains.csv"))
        for row in d.rows {
            let set = try #require(mapping.domainSets.first { $0.name == row[0] })
            let m = try #require(set.domains.first { $0.key == row[1] })
            #expect(m.scoreMetric == row[d.header.firstIndex(of: "score_metric_id")!])
            #expect(m.segmentMetric == row[d.header.firstIndex(of: "segment_metric_id")!])
        }
    }

    @Test func invalidMappingIsRejected() throws {
        var json = try String(contentsOf: F.bundledMappingURL, encoding: .utf8)
        json = json.replacingOccurrences(
            of: "\"Ambulance trust\": \"ambulance\"", with: "\"Ambulance trust\": \"helicopter\"")
        #expect(throws: ImportError.self) { try ImportMapping.decode(Data(json.utf8), file: "bad.json") }
    }

    // MARK: refusals

    @Test func malformedInputLinesAreReportedAsFileLine() throws {
        let dir = try F.datasetCopy()
        let before = try F.snapshot(dir)
        let good = try F.trustDataCSV(quarter: "Q4 2025/26", table: "ambulance") { rows in
            rows[0][12] = "three"  // line 2: adjusted segment not a number
        }
        var lines = good.components(separatedBy: "\r\n")
        lines[3] = lines[3].replacingOccurrences(of: ",Summary,", with: ",Sum\"mary,")  // line 4: stray quote
        lines[6] = String(lines[6][..<lines[6].lastIndex(of: ",")!])  // line 7: a field missing
        let input = try F.write(lines.joined(separator: "\r\n"), named: "bad-trust-data.csv")
        do {
            _ = try NOFImporter.run(try options(dir, input))
            Issue.record("malformed input was imported")
        } catch let e as ImportError {
            #expect(e.kind == .invalidInput)
            let lines = e.issues.map(\.description)
            #expect(lines.contains { $0.hasPrefix("bad-trust-data.csv:2: segment 'three'") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("bad-trust-data.csv:4: malformed CSV") }, "\(lines)")
            #expect(lines.contains("bad-trust-data.csv:7: expected 17 fields, found 16"), "\(lines)")
        }
        #expect(try F.snapshot(dir) == before)
    }

    @Test func unknownTrustIsRefusedUnlessAllowed() throws {
        let dir = try F.datasetCopy()
        let before = try F.snapshot(dir)
        let text = try F.trustDataCSV(quarter: "Q4 2025/26", table: "ambulance") { rows in
            var extra = rows[0]
            extra[4] = "ZZ9"; extra[5] = "Imaginary Ambulance Service NHS Trust"; extra[12] = "4.0"; extra[16] = "11.0"
            var score = rows[1]
            score[4] = "ZZ9"; score[5] = extra[5]; score[12] = "3.9"
            rows += [extra, score]
        }
        let input = try F.write(text, named: "new-trust.csv")
        do {
            _ = try NOFImporter.run(try options(dir, input))
            Issue.record("unknown trust was imported")
        } catch let e as ImportError {
            #expect(e.kind == .unknownTrusts)
            #expect(e.issues.count == 1)
            #expect(e.issues.first?.description.hasPrefix("new-trust.csv:") == true)
            #expect(
                e.issues.first?.message.contains(
                    "unknown trust ZZ9 (Imaginary Ambulance Service NHS Trust, Q4 2025/26 ambulance)") == true)
            #expect(e.message.contains("--allow-new-trusts"))
        }
        #expect(try F.snapshot(dir) == before)

        var o = try options(dir, input)
        o.allowNewTrusts = true
        let report = try NOFImporter.run(o)
        #expect(report.trustsAdded == ["ZZ9"])
        #expect(report.tables.first?.added == 1 && report.tables.first?.tableSize == 11)
        #expect(report.tables.first?.replaced == 10)  // the other ten: table_size 10 -> 11
        let dataset = try DatasetLoader.load(from: dir)
        #expect(dataset.trust("ZZ9")?.inODSList == false)
    }

    @Test func invalidResultIsRefusedWithFileLineAndNothingIsWritten() throws {
        let dir = try F.datasetCopy()
        let before = try F.snapshot(dir)
        let text = try F.trustDataCSV(quarter: "Q4 2025/26", table: "ambulance") { rows in
            rows[0][12] = "7.0"  // segment 7
        }
        let input = try F.write(text, named: "seg7.csv")
        do {
            _ = try NOFImporter.run(try options(dir, input))
            Issue.record("an invalid dataset was written")
        } catch let e as ImportError {
            #expect(e.kind == .validationFailed)
            #expect(
                e.issues.contains { $0.file == "rankings.csv" && $0.line > 1 && $0.message == "segment 7 outside 1-5" },
                "\(e)")
        }
        #expect(try F.snapshot(dir) == before)
    }

    // MARK: new quarter, quarter filter, dry run

    @Test func newQuarterIsAddedWithPeriodAndPublishedDate() throws {
        let dir = try F.datasetCopy()
        let input = try F.write(
            try F.trustDataCSV(quarter: "Q1 2026/27", table: "ambulance", relabel: "Q2 2026/27"), named: "q2.csv")
        var dry = try options(dir, input)
        dry.dryRun = true
        let before = try F.snapshot(dir)
        let preview = try NOFImporter.run(dry)
        #expect(preview.changed && preview.quartersAdded == ["Q2 2026/27"])
        #expect(try F.snapshot(dir) == before)

        var o = try options(dir, input)
        o.published = CalendarDate(iso: "2026-12-10")
        let report = try NOFImporter.run(o)
        #expect(report.tables.map(\.added) == [10])
        #expect(report.changedFiles == ["domain_scores.csv", "quarters.csv", "rankings.csv"])
        let q = try F.rows(dir.appendingPathComponent("quarters.csv"))
        let row = try #require(q.rows.last)
        #expect(
            Array(row.prefix(8)) == [
                "Q2 2026/27", "2026/27", "2", "2026-07-01", "2026-09-30", "July to September 2026", "2026-12-10",
                "2026/27",
            ])
        let dataset = try DatasetLoader.load(from: dir)
        let q2 = Quarter(fiscalYearStart: 2026, number: 2)
        #expect(dataset.table(.ambulance, quarter: q2).count == 10)
        #expect(dataset.table(.ambulance, quarter: q2).allSatisfy { $0.domains.count == 6 })
        // Idempotent for a new quarter too.
        #expect(!(try NOFImporter.run(o)).changed)
    }

    @Test func quarterFilterImportsOnlyThatQuarter() throws {
        let dir = try F.datasetCopy()
        let text =
            try F.trustDataCSV(quarter: "Q1 2026/27", table: "ambulance", relabel: "Q2 2026/27")
            + (try F.trustDataCSV(quarter: "Q1 2026/27", table: "ambulance", relabel: "Q3 2026/27")).split(
                separator: "\r\n", maxSplits: 1)[1]
        let input = try F.write(text, named: "two-quarters.csv")
        var o = try options(dir, input)
        o.quarters = [Quarter(fiscalYearStart: 2026, number: 3)]
        let report = try NOFImporter.run(o)
        #expect(report.quartersAdded == ["Q3 2026/27"])
        #expect(report.tables.map(\.quarterTable.description) == ["Q3 2026/27 ambulance"])
    }

    @Test func writerQuotesLikeTheConverter() {
        #expect(CSVWriter.line(["a", "b,c", "say \"hi\"", "", "x\ny"]) == "a,\"b,c\",\"say \"\"hi\"\"\",,\"x\ny\"\n")
    }
}
