import OnlineDDL

/// The command line of `onlineddl-bench stall`.
struct StallOptions {
    static let usage = """
        usage: onlineddl-bench stall --database-url URL --onlineddl PATH --psql PATH
                                     [--writers N] [--pause DURATION] [--blocker DURATION]
        """

    var databaseURL = ""
    var onlineddl = ""
    var psql = ""
    /// Application connections inserting in a loop.
    var writers = 8
    /// Each writer's pause between two statements.
    var pause: Duration = .milliseconds(1)
    /// How long the blocking transaction stays open.
    var blocker: Duration = .seconds(3)

    init(parsing arguments: [String]) throws(BenchmarkError) {
        for (name, value) in try Self.pairs(arguments, usage: Self.usage) {
            switch name {
            case "--database-url": databaseURL = value
            case "--onlineddl": onlineddl = value
            case "--psql": psql = value
            case "--writers": writers = try Self.positive(value, name)
            case "--pause": pause = try Self.duration(value, name)
            case "--blocker": blocker = try Self.duration(value, name)
            default: throw BenchmarkError("unknown option \(name)\n\(Self.usage)")
            }
        }
        guard !databaseURL.isEmpty, !onlineddl.isEmpty, !psql.isEmpty else { throw BenchmarkError(Self.usage) }
    }

    /// `--name value` pairs of `arguments`, in order.
    static func pairs(_ arguments: [String], usage: String) throws(BenchmarkError) -> [(name: String, value: String)] {
        var remaining = arguments[...]
        var pairs: [(name: String, value: String)] = []
        while let name = remaining.popFirst() {
            guard let value = remaining.popFirst() else { throw BenchmarkError("\(name) needs a value\n\(usage)") }
            pairs.append((name, value))
        }
        return pairs
    }

    /// `text` as a positive whole number, for option `name`.
    static func positive(_ text: String, _ name: String) throws(BenchmarkError) -> Int {
        guard let number = Int(text), number > 0 else { throw BenchmarkError("\(name) must be a positive number") }
        return number
    }

    /// `text` as a duration, for option `name`.
    static func duration(_ text: String, _ name: String) throws(BenchmarkError) -> Duration {
        do {
            return try DurationText.parse(text)
        } catch {
            throw BenchmarkError("\(name): \(error.description)")
        }
    }
}

/// A failure that stops the benchmark, with its message.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
