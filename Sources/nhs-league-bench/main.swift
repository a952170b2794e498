// Benchmarks. Usage: nhs-league-bench [search [EVAL_CSV]]
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty || arguments.first == "search" {
    do {
        try runSearchBenchmark(evalPath: arguments.count > 1 ? arguments[1] : nil)
    } catch {
        print("bench: search benchmark failed: \(error)")
    }
}
