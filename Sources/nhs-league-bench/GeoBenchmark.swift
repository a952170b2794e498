import Foundation
import LeagueCore
import LeagueData

/// In-process benchmark of the nearest-trust search (issue 5): p50/p99 per query over random points
/// in England, with the brute-force haversine scan measured in the same run as the reference.
/// Run in release: `swift build -c release --product nhs-league-bench && .build/release/nhs-league-bench geo`.
func runGeoBenchmark(queries: Int = 20_000) throws {
    // `GEO_IMPORT_BENCH=<codepo dir>`: time a Code-Point Open import and the load of its output.
    if let input = ProcessInfo.processInfo.environment["GEO_IMPORT_BENCH"] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("geo-import-bench")
        let t0 = ContinuousClock.now
        let summary = try CodePointImport.run(inputs: [URL(fileURLWithPath: input)], outputDirectory: out)
        let t1 = ContinuousClock.now
        let table = try FullPostcodeTable.load(fromDataDirectory: out)
        let t2 = ContinuousClock.now
        print("import: \(summary) in \(format(t1 - t0)); load of \(table.count) postcodes in \(format(t2 - t1))")
        return
    }
    let dataset = try DatasetLoader.load(from: EmbeddedDataset.directory)
    let buildStart = ContinuousClock.now
    let index = GeoIndex(dataset: dataset)
    let postcodes = PostcodeIndex(dataset: dataset)
    let buildTime = ContinuousClock.now - buildStart
    print(
        "geo: index of \(index.pointCount) points (\(index.summary.sitesIndexed) sites + \(index.summary.trustsViaHeadquarters.count) HQ fallbacks) "
            + "for \(index.summary.eligibleTrusts) open ranked trusts; GeoIndex + PostcodeIndex built in \(format(buildTime))"
    )

    var rng = BenchRandom(seed: 20_260_505)
    // 1. Uniform over England's bounding box. 2. Random English postcode-sector centroids (where people live).
    let box = (0..<queries).map { _ in
        (Double.random(in: 49.96...55.81, using: &rng), Double.random(in: -5.72...1.76, using: &rng))
    }
    let englishSectors = dataset.postcodeSectors.filter { $0.region == "England" && $0.latitude != nil }
    let sectors = (0..<queries).map { _ -> (Double, Double) in
        let s = englishSectors[Int.random(in: 0..<englishSectors.count, using: &rng)]
        return (s.latitude!, s.longitude!)
    }

    let cases: [(String, [(Double, Double)], Int, GeoTables, Double?)] = [
        ("box, all tables, k=5", box, 5, .all, nil),
        ("sectors, all tables, k=5", sectors, 5, .all, nil),
        ("sectors, acute, k=5", sectors, 5, .acute, nil),
        ("sectors, ambulance, k=5", sectors, 5, .ambulance, nil),
        ("sectors, all tables, k=50", sectors, 50, .all, nil),
        ("sectors, acute, k=5, <= 25 km", sectors, 5, .acute, 25),
    ]
    // `GEO_CALLGRIND_QUERIES=N`: only N nearest queries (sectors, all tables, k=5) inside
    // `callgrindNearestLoop`, so `valgrind --tool=callgrind --toggle-collect='*callgrindNearestLoop*'`
    // counts instructions per query without the dataset load.
    if let n = ProcessInfo.processInfo.environment["GEO_CALLGRIND_QUERIES"].flatMap({ Int($0) }) {
        print(callgrindNearestLoop(index, Array(sectors.prefix(n))))
        return
    }
    if ProcessInfo.processInfo.environment["GEO_PROFILE_K50"] != nil {  // for `perf record`
        var n = 0
        for _ in 0..<20 {
            for p in sectors { n &+= (try? index.nearestTrusts(latitude: p.0, longitude: p.1, limit: 50))?.count ?? 0 }
        }
        print(n)
        return
    }
    print("geo: \(queries) queries per case; times per query in microseconds (in-process, one thread)")
    print("case                              index p50   p99   max | brute p50   p99 | ratio p50 (brute/index)")
    var sink = 0
    for (name, points, k, tables, maxKm) in cases {
        let idx = measure(points) { lat, lon in
            (try? index.nearestTrusts(latitude: lat, longitude: lon, limit: k, tables: tables, maxDistanceKm: maxKm))?
                .count ?? 0
        }
        let brute = measure(points) { lat, lon in
            (try? index.nearestTrustsBruteForce(
                latitude: lat, longitude: lon, limit: k, tables: tables, maxDistanceKm: maxKm))?.count ?? 0
        }
        sink &+= idx.sink &+ brute.sink
        let pad = name.padding(toLength: 32, withPad: " ", startingAt: 0)
        print(
            "\(pad)  \(f(idx.p50)) \(f(idx.p99)) \(f(idx.max)) | \(f(brute.p50)) \(f(brute.p99)) | \(String(format: "%.1fx", brute.p50 / idx.p50))"
        )
    }
    // Postcode resolution (sector fallback, the shipped default).
    let keys = (0..<queries).map { _ in
        englishSectors[Int.random(in: 0..<englishSectors.count, using: &rng)].code + "AA"
    }
    var times: [Double] = []
    times.reserveCapacity(keys.count)
    for key in keys {
        let t0 = ContinuousClock.now
        let r = try? postcodes.resolve(key)
        times.append(micro(ContinuousClock.now - t0))
        if r != nil { sink &+= 1 }
    }
    times.sort()
    print("postcode resolve (full → sector)   p50 \(f(times[times.count / 2])) p99 \(f(times[times.count * 99 / 100]))")
    if sink == 42 { print("") }  // keep the work observable
}

@inline(never)
private func callgrindNearestLoop(_ index: GeoIndex, _ points: [(Double, Double)]) -> Int {
    var n = 0
    for p in points { n &+= (try? index.nearestTrusts(latitude: p.0, longitude: p.1, limit: 5))?.count ?? 0 }
    return n
}

private func measure(_ points: [(Double, Double)], _ body: (Double, Double) -> Int) -> (
    p50: Double, p99: Double, max: Double, sink: Int
) {
    var sink = 0
    for p in points.prefix(1000) { sink &+= body(p.0, p.1) }  // warm-up
    var times: [Double] = []
    times.reserveCapacity(points.count)
    for p in points {
        let t0 = ContinuousClock.now
        sink &+= body(p.0, p.1)
        times.append(micro(ContinuousClock.now - t0))
    }
    times.sort()
    return (times[times.count / 2], times[times.count * 99 / 100], times.last!, sink)
}

private func micro(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
}
private func f(_ v: Double) -> String { String(format: "%7.2f", v) }
private func format(_ d: Duration) -> String { String(format: "%.2f ms", micro(d) / 1000) }

/// SplitMix64, so every run queries the same points.
private struct BenchRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
