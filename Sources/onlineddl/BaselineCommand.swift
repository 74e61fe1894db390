import ArgumentParser
import OnlineDDL

/// `onlineddl baseline`: a database built without a migration tool (from a dump).
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record every migration up to a version as applied, without running it.",
        discussion: """
            For a database whose schema was built without a migration tool, from a dump of the \
            schema at --version: the files up to that version are recorded as baselined \
            (today's checksum, now as the applied time); the next apply runs the ones after it. \
            Refused when no file has that version, or when onlineddl's history records a \
            version after it, or one up to it partly applied or changed. Versions already \
            recorded are left alone: running it again changes nothing. It holds apply's run lock.

            Exit codes: 0 recorded (or nothing to record, or --dry-run); 1 a database error; 2 \
            refused, or a usage or input error; 3 another onlineddl runner holds the run lock.
            """
    )

    @OptionGroup var options: HistoryTakeoverOptions

    @Option(help: ArgumentHelp("The last version the database already has.", valueName: "version"))
    var version: String

    func run() throws {
        try options.run("baselining at \(version)") { adopter, migrations throws(AdoptionFailure) in
            try adopter.baseline(version: version, migrations: migrations, dryRun: options.dryRun)
        }
    }
}
