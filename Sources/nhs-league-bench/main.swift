// Benchmarks. `nhs-league-bench` runs all; `nhs-league-bench geo` only the nearest-trust benchmark.
let arguments = CommandLine.arguments.dropFirst()
if arguments.isEmpty || arguments.contains("geo") {
    try runGeoBenchmark()
}
