// nhs-league-bench: prints performance numbers, each with a reference measured in
// the same run. Build and run in release only:
//   swift run -c release nhs-league-bench [all|load [RUNS]|search [EVAL_CSV]|nearest]
//   (`load 1` is one load, for `valgrind --tool=callgrind`)
//   swift run -c release nhs-league-bench query TEXT...   (what the name index returns)
let arguments = Array(CommandLine.arguments.dropFirst())
let which = arguments.first ?? "all"
do {
    switch which {
    case "query":
        try runSearchQueries(Array(arguments.dropFirst()))
    case "load":
        runLoadBenchmark(iterations: arguments.count > 1 ? max(1, Int(arguments[1]) ?? 15) : 15)
    case "search":
        try runSearchBenchmark(evalPath: arguments.count > 1 ? arguments[1] : nil)
    case "nearest", "geo":
        try runGeoBenchmark()
    case "all":
        runLoadBenchmark()
        try runSearchBenchmark(evalPath: nil)
        try runGeoBenchmark()
    default:
        print("usage: nhs-league-bench [all|load [RUNS]|search [EVAL_CSV]|nearest] | query TEXT...")
    }
} catch {
    print("bench: failed: \(error)")
}
