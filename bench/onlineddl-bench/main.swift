import Foundation

/// Benchmarks for onlineddl. Build in release mode:
///
///     swift run -c release onlineddl-bench [simulator|replay|all]
///     swift run -c release onlineddl-bench stall --database-url URL --onlineddl PATH --psql PATH
///     swift run -c release onlineddl-bench standby-stall --database-url URL --standby-url URL --onlineddl PATH --psql PATH
///     swift run -c release onlineddl-bench concurrent-build --database-url URL --onlineddl PATH --psql PATH
///
/// Each offline benchmark prints its figure, an anchor measured in the same run, and their
/// ratio. `stall` needs a throwaway server; `bench/stall` starts one and runs it;
/// `standby-stall` needs a primary and its hot standby, which `bench/standby-stall` starts;
/// `concurrent-build` needs a throwaway server, which `bench/concurrent-build` starts.
let arguments = Array(CommandLine.arguments.dropFirst())
let which = arguments.first ?? "all"

/// Runs the benchmark that needs a server, exiting with its error.
func serverBenchmark(_ body: ([String]) throws(BenchmarkError) -> [String]) -> [String] {
    do {
        return try body(Array(arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("onlineddl-bench \(which): \(error.description)\n".utf8))
        exit(1)
    }
}

var lines: [String] =
    switch which {
    case "stall": serverBenchmark { (options) throws(BenchmarkError) in try StallBenchmark(options: StallOptions(parsing: options)).run() }
    case "standby-stall":
        serverBenchmark { (options) throws(BenchmarkError) in
            try StandbyStallBenchmark(options: StandbyStallOptions(parsing: options)).run()
        }
    case "concurrent-build":
        serverBenchmark { (options) throws(BenchmarkError) in
            try ConcurrentBuildBenchmark(options: ConcurrentBuildOptions(parsing: options)).run()
        }
    default: []
    }
if which == "simulator" || which == "all" { lines += SimulatorBenchmark().run() }
if which == "replay" || which == "all" { lines += ReplayBenchmark().run() }
if lines.isEmpty {
    print("usage: onlineddl-bench [simulator|replay|all]\n\(StallOptions.usage)\n\(StandbyStallOptions.usage)\n\(ConcurrentBuildOptions.usage)")
} else {
    print(lines.joined(separator: "\n"))
}
