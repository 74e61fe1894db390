import OnlineDDLMigrations
import OnlineDDLPostgres
import OnlineDDLRunner

/// Why `adopt` or `baseline` recorded nothing.
public enum AdoptionFailure: Error, Sendable, CustomStringConvertible {
    /// The history says something is half-done, or names what no file has.
    case refused([AdoptionProblem])
    /// Files differ from the checksum the other tool stored when it applied them.
    case changed(AdoptionSource, [AdoptionChange])
    /// No table of that tool where it was looked for.
    case toolTableMissing(AdoptionSource, ForeignTable)
    /// The table exists but lacks the tool's columns.
    case notToolTable(AdoptionSource, ForeignTable, missing: [String])
    /// `--from auto` found no tool's table, or several.
    case noToolFound
    case severalToolsFound([(AdoptionSource, ForeignTable)])
    /// Another onlineddl runner (an apply, an adopt) holds the run lock.
    case runnerBusy(RunnerLock.Holder?)
    /// The database could not be reached.
    case cannotConnect(PostgresError)
    /// onlineddl's history table could not be created or extended.
    case historyUnavailable(HistoryTable, PostgresError)
    case database(PostgresError)

    public var description: String {
        switch self {
        case .refused(let problems):
            return "nothing recorded: \(problems.count == 1 ? "one row stands" : "\(problems.count) rows stand") in the way:\n"
                + problems.map { "  \($0)" }.joined(separator: "\n")
        case .changed(let source, let changes):
            return "nothing recorded: \(changes.count == 1 ? "a file" : "\(changes.count) files") changed since \(source) applied "
                + "\(changes.count == 1 ? "it" : "them"):\n"
                + changes.map { "  \($0.file): \(source) recorded checksum \($0.recorded), the file now has \($0.current)" }
                    .joined(separator: "\n")
                + "\nrestore the files as they were applied, or rerun with --allow-changed to record today's contents "
                + "(the database keeps what the old contents did; put further changes in a new migration)"
        case .toolTableMissing(let source, let table):
            return "no table \(table) in this database (looked up through search_path): \(source) keeps its history there unless "
                + "renamed with \(source.renamingSetting); name it with --from-table schema.table, or check --from and the database URL"
        case .notToolTable(let source, let table, let missing):
            return "\(table) is not \(source)'s history table: it has no column \(missing.joined(separator: ", ")); "
                + "check --from and --from-table"
        case .noToolFound:
            return "no other tool's history table found through search_path (looked for "
                + AdoptionSource.allCases.map { "\($0.defaultTableName) of \($0)" }.joined(separator: ", ")
                + "); pass --from TOOL, and --from-table schema.table if the tool's table is renamed or in another schema"
        case .severalToolsFound(let found):
            return "several tools' history tables found: " + found.map { "\($0.1) of \($0.0)" }.joined(separator: ", ")
                + "; pass --from with the tool that migrated this database last"
        case .runnerBusy(let holder):
            return (holder.map { "another onlineddl runner holds the run lock: \($0)" } ?? "another onlineddl runner holds the run lock")
                + "; adopt and baseline never run beside an apply: wait for it to finish and run again"
        case .cannotConnect(let error):
            return "could not connect: \(error.message)"
        case .historyUnavailable(let table, let error):
            return "could not create or extend the history table \(table): \(error.description); "
                + "the role needs CREATE on schema \(table.schema) (or to own the table), or pick another with --history-table"
        case .database(let error):
            return error.description
        }
    }
}
