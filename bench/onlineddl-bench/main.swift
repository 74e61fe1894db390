import Foundation

/// Benchmarks for onlineddl. Build in release mode:
///
///     swift run -c release onlineddl-bench [simulator|replay|all]
///     swift run -c release onlineddl-bench stall --database-url URL --onlineddl PATH --psql PATH
///     swift run -c release onlineddl-bench standby-stall --database-url URL --standby-url URL --onlineddl PATH --psql PATH
///
/// Each offline benchmark prints its figure, an anchor measured in the same run, and their
/// ratio. `stall` needs a throwaway server; `bench/stall` starts one and runs it;
/// `standby-stall` needs a primary and its hot standby, which `bench/standby-stall` starts.
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
if which == "standby-stall" {
    do {
        lines = try StandbyStallBenchmark(options: StandbyStallOptions(parsing: Array(arguments.dropFirst()))).run()
    } catch {
        FileHandle.standardError.write(Data("onlineddl-bench standby-stall: \(error.description)\n".utf8))
        exit(1)
    }
}
if which == "simulator" || which == "all" { lines += SimulatorBenchmark().run() }
if which == "replay" || which == "all" { lines += ReplayBenchmark().run() }
if lines.isEmpty {
    print("usage: onlineddl-bench [simulator|replay|all]\n\(StallOptions.usage)\n\(StandbyStallOptions.usage)")
} else {
    print(lines.joined(separator: "\n"))
}
