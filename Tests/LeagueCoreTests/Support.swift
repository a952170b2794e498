import Foundation
import Testing
@testable import LeagueCore
import LeagueData

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
            try FileManager.default.copyItem(at: EmbeddedDataset.directory.appendingPathComponent(name),
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
