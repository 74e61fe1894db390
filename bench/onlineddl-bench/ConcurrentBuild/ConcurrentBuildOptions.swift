import OnlineDDL

/// The command line of `onlineddl-bench concurrent-build`.
struct ConcurrentBuildOptions {
    static let usage = """
        usage: onlineddl-bench concurrent-build --database-url URL --onlineddl PATH --psql PATH
                                                [--baseline-onlineddl PATH] [--rows N] [--blocker DURATION]
        """

    var databaseURL = ""
    var onlineddl = ""
    var psql = ""
    /// An earlier onlineddl binary to run beside the current one (the commit before builds
    /// were watched rather than cut by `lock_timeout`); none when empty.
    var baselineOnlineddl = ""
    /// Rows in the table whose index is built.
    var rows = 1_000_000
    /// How long the old snapshot (a REPEATABLE READ transaction on another table) lives.
    var blocker: Duration = .seconds(10)

    init(parsing arguments: [String]) throws(BenchmarkError) {
        for (name, value) in try StallOptions.pairs(arguments, usage: Self.usage) {
            switch name {
            case "--database-url": databaseURL = value
            case "--onlineddl": onlineddl = value
            case "--psql": psql = value
            case "--baseline-onlineddl": baselineOnlineddl = value
            case "--rows": rows = try StallOptions.positive(value, name)
            case "--blocker": blocker = try StallOptions.duration(value, name)
            default: throw BenchmarkError("unknown option \(name)\n\(Self.usage)")
            }
        }
        guard !databaseURL.isEmpty, !onlineddl.isEmpty, !psql.isEmpty else {
            throw BenchmarkError(Self.usage)
        }
    }
}
