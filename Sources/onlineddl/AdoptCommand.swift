import ArgumentParser
import OnlineDDL

/// `onlineddl adopt`: take over another migration tool's history without running anything.
struct AdoptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Record what another migration tool applied in onlineddl's history, without running anything.",
        discussion: """
            Reads the other tool's own history table (never writing it), matches its rows to \
            the folder's files, and records each migration it applied as applied by that tool: \
            today's checksum, the tool's applied time where it stores one. The next apply runs \
            only the files the tool never applied. Refused, naming each row, when the tool's \
            history says a migration is half-done or names a version no file has; a file changed \
            since the tool applied it (Prisma, Flyway and sqlx store checksums) is refused unless \
            --allow-changed. Versions onlineddl's history already has are left alone: running it \
            again changes nothing. It holds apply's run lock.

            Exit codes: 0 recorded (or nothing to record, or --dry-run); 1 a database error; 2 \
            refused (a half-done or unknown row, a changed file, no such tool table) or a usage \
            or input error; 3 another onlineddl runner holds the run lock.
            """
    )

    /// `--from`: a tool, or `auto`.
    struct Tool: ExpressibleByArgument {
        let source: AdoptionSource?

        init?(argument: String) {
            if argument == "auto" {
                source = nil
            } else if let source = AdoptionSource(rawValue: argument) {
                self.source = source
            } else {
                return nil
            }
        }

        static var allValueStrings: [String] { ["auto"] + AdoptionSource.allCases.map(\.rawValue) }
        var defaultValueDescription: String { source?.rawValue ?? "auto" }
    }

    @OptionGroup var options: HistoryTakeoverOptions

    @Option(help: ArgumentHelp("The tool whose history to adopt; auto: the one whose table is found.", valueName: "tool"))
    var from: Tool = Tool(argument: "auto")!

    @Option(name: .customLong("from-table"), help: ArgumentHelp(
        "The tool's history table, if renamed or outside search_path (default: the tool's own name, found through search_path).",
        valueName: "schema.table"))
    var fromTable: String?

    @Flag(name: .customLong("allow-changed"), help: "Record files changed since the tool applied them, with today's checksum.")
    var allowChanged = false

    func validate() throws {
        if let fromTable, ForeignTable(parsing: fromTable) == nil {
            throw ValidationError("--from-table must be table or schema.table, without quotes")
        }
    }

    func run() throws {
        try options.run("adopting \(from.defaultValueDescription) history") { adopter, migrations throws(AdoptionFailure) in
            try adopter.adopt(
                from: from.source, table: fromTable.flatMap(ForeignTable.init(parsing:)), migrations: migrations,
                dryRun: options.dryRun, allowChanged: allowChanged)
        }
    }
}
