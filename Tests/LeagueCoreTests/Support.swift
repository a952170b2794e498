import Foundation
import LeagueData
import Testing

@testable import LeagueCore

/// Loads the embedded dataset once for all tests.
enum Embedded {
    static let result: Result<Dataset, any Error> = Result { try DatasetLoader.load(from: EmbeddedDataset.directory) }
    static func dataset() throws -> Dataset { try result.get() }
}

/// A writable copy of the embedded dataset in a temporary directory.
struct DatasetCopy {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("league-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for name in DatasetLoader.fileNames {
            try FileManager.default.copyItem(
                at: EmbeddedDataset.directory.appendingPathComponent(name),
                to: url.appendingPathComponent(name))
        }
    }

    func read(_ file: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
    }

    func write(_ file: String, _ text: String) throws {
        try text.write(to: url.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    /// Replaces the unique occurrence of `old` with `new`; returns the 1-based line where it started.
    @discardableResult
    func replace(in file: String, _ old: String, with new: String) throws -> Int {
        let text = try read(file)
        let ranges = text.ranges(of: old)
        #expect(ranges.count == 1, "expected exactly one '\(old.prefix(60))' in \(file), found \(ranges.count)")
        guard let r = ranges.first else { return -1 }
        let line = text[..<r.lowerBound].filter { $0 == "\n" }.count + 1
        try write(file, text.replacingCharacters(in: r, with: new))
        return line
    }

    /// 1-based line of the first line starting with `prefix`.
    func line(in file: String, startingWith prefix: String) throws -> Int {
        let lines = try read(file).split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.hasPrefix(prefix) } ?? -2) + 1
    }

    /// Loads the copy and returns the issues as `file:line: message` strings (empty when valid).
    func issues() -> [String] {
        do {
            _ = try DatasetLoader.load(from: url)
            return []
        } catch let e as DatasetError {
            return e.issues.map(\.description)
        } catch {
            return ["unexpected error \(error)"]
        }
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

extension Quarter {
    static let q1_2526 = Quarter(fiscalYearStart: 2025, number: 1)
    static let q2_2526 = Quarter(fiscalYearStart: 2025, number: 2)
    static let q3_2526 = Quarter(fiscalYearStart: 2025, number: 3)
    static let q4_2526 = Quarter(fiscalYearStart: 2025, number: 4)
    static let q1_2627 = Quarter(fiscalYearStart: 2026, number: 1)
}

extension DatasetCopy {
    /// Edits the unique line that starts with `prefix`, replacing the first `old` in it by `new`.
    /// Returns the 1-based line number.
    @discardableResult
    func editLine(_ file: String, startingWith prefix: String, replacing old: String, with new: String) throws -> Int {
        var lines = try read(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let matches = lines.indices.filter { lines[$0].hasPrefix(prefix) }
        #expect(matches.count == 1, "expected one line starting with '\(prefix)' in \(file), found \(matches.count)")
        guard let i = matches.first, let r = lines[i].range(of: old) else {
            Issue.record("'\(old)' not found in line '\(prefix)' of \(file)")
            return -1
        }
        lines[i].replaceSubrange(r, with: new)
        try write(file, lines.joined(separator: "\n"))
        return i + 1
    }

    /// Appends a copy of the unique line starting with `prefix`; returns (original line, new line).
    @discardableResult
    func duplicateLine(_ file: String, startingWith prefix: String) throws -> (first: Int, copy: Int) {
        var lines = try read(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let matches = lines.indices.filter { lines[$0].hasPrefix(prefix) }
        #expect(matches.count == 1, "expected one line starting with '\(prefix)' in \(file), found \(matches.count)")
        guard let i = matches.first else { return (-1, -1) }
        if lines.last == "" { lines.removeLast() }
        lines.append(lines[i])
        try write(file, lines.joined(separator: "\n") + "\n")
        return (i + 1, lines.count)
    }
}
