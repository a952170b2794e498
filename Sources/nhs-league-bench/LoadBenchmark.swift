import Foundation
import LeagueCore
import LeagueData

/// Cold load + validate + index of the embedded dataset, against reading the same
/// bytes from disk (the I/O floor) measured in the same run.
func runLoadBenchmark(iterations: Int = 15) {
    let directory = EmbeddedDataset.directory
    let files =
        (try? FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".csv") }) ?? []
    let clock = ContinuousClock()

    var readTimes: [Duration] = []
    var loadTimes: [Duration] = []
    var bytes = 0
    for _ in 0..<iterations {
        readTimes.append(
            clock.measure {
                bytes = files.reduce(0) { total, name in
                    total + ((try? Data(contentsOf: directory.appendingPathComponent(name)))?.count ?? 0)
                }
            })
        loadTimes.append(
            clock.measure {
                do {
                    _ = try LeagueSnapshot.load(from: directory)
                } catch {
                    fatalError("embedded dataset failed to load: \(error)")
                }
            })
    }
    let load = Stats(loadTimes)
    let read = Stats(readTimes)
    print(
        "load: cold load+validate+index of the embedded dataset (\(files.count) files, \(bytes / 1024) KiB), \(iterations) runs"
    )
    print(
        "  load+index  median \(load.median.ms) ms   min \(load.min.ms) ms   max \(load.max.ms) ms   (target <= 300 ms)"
    )
    print("  reference   read the same bytes: median \(read.median.ms) ms")
    print(
        "  ratio       load / read = \(String(format: "%.1f", load.median.seconds / max(read.median.seconds, 1e-9)))x")
}

/// Order statistics over durations.
struct Stats {
    var sorted: [Duration]
    init(_ values: [Duration]) { sorted = values.sorted() }
    var min: Duration { sorted.first ?? .zero }
    var max: Duration { sorted.last ?? .zero }
    var median: Duration { sorted.isEmpty ? .zero : sorted[sorted.count / 2] }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var ms: String { String(format: "%.1f", seconds * 1000) }
}
