// nhs-league-bench: prints performance numbers, each with a reference measured in
// the same run. Build and run in release only:
//   swift run -c release nhs-league-bench [load|all]
let which = CommandLine.arguments.dropFirst().first ?? "all"
if which == "load" || which == "all" { runLoadBenchmark() }
