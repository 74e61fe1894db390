/// Benchmarks for onlineddl. Build in release mode:
///
///     swift run -c release onlineddl-bench [simulator|replay|all]
///
/// Each benchmark prints its figure, an anchor measured in the same run, and their ratio.
let which = CommandLine.arguments.dropFirst().first ?? "all"
var lines: [String] = []
if which == "simulator" || which == "all" { lines += SimulatorBenchmark().run() }
if which == "replay" || which == "all" { lines += ReplayBenchmark().run() }
if lines.isEmpty {
    print("usage: onlineddl-bench [simulator|replay|all]")
} else {
    print(lines.joined(separator: "\n"))
}
