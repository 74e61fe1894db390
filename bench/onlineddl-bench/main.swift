import Foundation

/// Benchmarks for onlineddl. Build in release mode:
///
///     swift run -c release onlineddl-bench [simulator|replay|all]
///     swift run -c release onlineddl-bench stall --database-url URL --onlineddl PATH --psql PATH
///
/// Each offline benchmark prints its figure, an anchor measured in the same run, and their
/// ratio. `stall` needs a throwaway server; `bench/stall` starts one and runs it.
let arguments = Array(CommandLine.arguments.dropFirst())
let which = arguments.first ?? "all"
var lines: [String] = []
if which == "stall" {
    do {
        lines = try StallBenchmark(options: StallOptions(parsing: Array(arguments.dropFirst()))).run()
    } catch {
        FileHandle.standardError.write(Data("onlineddl-bench stall: \(error.description)\n".utf8))
        exit(1)
    }
}
if which == "simulator" || which == "all" { lines += SimulatorBenchmark().run() }
if which == "replay" || which == "all" { lines += ReplayBenchmark().run() }
if lines.isEmpty {
    print("usage: onlineddl-bench [simulator|replay|all]\n\(StallOptions.usage)")
} else {
    print(lines.joined(separator: "\n"))
}
