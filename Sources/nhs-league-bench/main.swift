// nhs-league-bench: prints performance numbers, each with a reference measured in
// the same run. Build and run in release only:
//   swift run -c release nhs-league-bench [all|load|search [EVAL_CSV]|nearest]
let arguments = Array(CommandLine.arguments.dropFirst())
let which = arguments.first ?? "all"
if which == "load" || which == "all" { runLoadBenchmark() }
if which == "search" || which == "all" {
    do {
        try runSearchBenchmark(evalPath: which == "search" && arguments.count > 1 ? arguments[1] : nil)
    } catch {
        print("bench: search benchmark failed: \(error)")
    }
}
if which == "nearest" || which == "geo" || which == "all" {
    do {
        try runGeoBenchmark()
    } catch {
        print("bench: nearest benchmark failed: \(error)")
    }
}
