import ArgumentParser
import OnlineDDL

/// What `adopt` and `baseline` share: the folder, the database, onlineddl's history table,
/// `--dry-run` and `--format`, and how a run is reported.
struct HistoryTakeoverOptions: ParsableArguments {
    @OptionGroup var folder: MigrationFolderOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var history: HistoryTableOption

    @Flag(help: "Print what would be recorded; record nothing.")
    var dryRun = false

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    /// Reads the folder as apply does, runs `take` with an adopter for the database and
    /// history table, and prints what it recorded. A refusal exits with its documented code.
    func run(
        _ what: String,
        _ take: (HistoryAdopter, [PreparedMigration]) throws(AdoptionFailure) -> HistoryAdopter.Outcome
    ) throws {
        let project = try folder.projectConfiguration(verbose: connection.verbose)
        let migrations = try folder.prepared(project, verbose: connection.verbose)
        let table = try history.table(project)
        let target = connection.connectionString(project)
        Console.verbose("\(what) into \(table) on \(target.redacted)", enabled: connection.verbose)
        let outcome: HistoryAdopter.Outcome
        do {
            outcome = try take(HistoryAdopter(connectionString: target, historyTable: table), migrations)
        } catch {
            throw CommandFailure(message: error.description, exitStatus: ExitStatus(error))
        }
        let report = AdoptionReport(outcome: outcome, historyTable: table, dryRun: dryRun)
        switch format {
        case .json: Console.output(try report.json())
        case .text: Console.write(report.text)
        }
    }
}
