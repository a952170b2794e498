// Benchmarks. Usage: nhs-league-bench [search [EVAL_CSV]] | query TEXT...
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments.first == "query" {
        try runSearchQueries(Array(arguments.dropFirst()))
    } else if arguments.isEmpty || arguments.first == "search" {
        try runSearchBenchmark(evalPath: arguments.count > 1 ? arguments[1] : nil)
    } else {
        print("usage: nhs-league-bench [search [EVAL_CSV]] | query TEXT...")
    }
} catch {
    print("bench: failed: \(error)")
}
