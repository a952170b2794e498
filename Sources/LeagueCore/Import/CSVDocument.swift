import Foundation

/// A dataset CSV file held as text fields, so that rows the import does not touch are written
/// back exactly as they were read (no re-formatting of numbers or text).
struct CSVDocument {
    var file: String
    var header: [String]
    var rows: [[String]]
    let index: [String: Int]

    /// Parses a dataset file strictly; any malformed line is an `ImportError(.invalidInput)`.
    init(file: String, data: Data, required: [String]) throws {
        self.file = file
        let parsed = CSVParser.parse(data)
        var issues = parsed.errors.map { DatasetIssue(file: file, line: $0.line, message: $0.message) }
        guard let head = parsed.records.first, head.line == 1 else {
            throw ImportError(
                kind: .invalidInput, message: "\(file) in the dataset has no header row",
                issues: issues + [DatasetIssue(file: file, line: 1, message: "missing header row")])
        }
        header = head.fields
        var idx: [String: Int] = [:]
        for (i, name) in head.fields.enumerated() where idx[name] == nil { idx[name] = i }
        index = idx
        for r in required where idx[r] == nil {
            issues.append(DatasetIssue(file: file, line: 1, message: "missing required column '\(r)'"))
        }
        rows = []
        for rec in parsed.records.dropFirst() {
            if rec.fields.count != head.fields.count {
                issues.append(
                    DatasetIssue(
                        file: file, line: rec.line,
                        message: "expected \(head.fields.count) fields, found \(rec.fields.count)"))
                continue
            }
            rows.append(rec.fields)
        }
        if !issues.isEmpty {
            throw ImportError(
                kind: .invalidInput, message: "\(file) in the dataset is malformed; fix it before importing",
                issues: issues)
        }
    }

    func value(_ row: [String], _ column: String) -> String {
        guard let i = index[column], i < row.count else { return "" }
        return row[i]
    }

    func set(_ row: inout [String], _ column: String, _ value: String) {
        guard let i = index[column], i < row.count else { return }
        row[i] = value
    }

    /// A row in this file's column order; columns not given are blank.
    func makeRow(_ values: [String: String]) -> [String] {
        header.map { values[$0] ?? "" }
    }

    func render() -> Data { CSVWriter.render(header: header, rows: rows) }
}
