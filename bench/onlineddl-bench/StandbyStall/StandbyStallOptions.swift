import OnlineDDL

/// The command line of `onlineddl-bench standby-stall`.
struct StandbyStallOptions {
    static let usage = """
        usage: onlineddl-bench standby-stall --database-url URL --standby-url URL --onlineddl PATH --psql PATH
                                             [--readers N] [--pause DURATION] [--report DURATION]
        """

    var databaseURL = ""
    /// A streaming hot standby of `databaseURL`.
    var standbyURL = ""
    var onlineddl = ""
    var psql = ""
    /// Reader connections on the standby, counting the table's rows in a loop.
    var readers = 4
    /// Each reader's pause between two statements.
    var pause: Duration = .milliseconds(10)
    /// How long the standby's report transaction holds the table.
    var report: Duration = .seconds(3)

    init(parsing arguments: [String]) throws(BenchmarkError) {
        for (name, value) in try StallOptions.pairs(arguments, usage: Self.usage) {
            switch name {
            case "--database-url": databaseURL = value
            case "--standby-url": standbyURL = value
            case "--onlineddl": onlineddl = value
            case "--psql": psql = value
            case "--readers": readers = try StallOptions.positive(value, name)
            case "--pause": pause = try StallOptions.duration(value, name)
            case "--report": report = try StallOptions.duration(value, name)
            default: throw BenchmarkError("unknown option \(name)\n\(Self.usage)")
            }
        }
        guard !databaseURL.isEmpty, !standbyURL.isEmpty, !onlineddl.isEmpty, !psql.isEmpty else {
            throw BenchmarkError(Self.usage)
        }
    }
}
