import OnlineDDLMigrations
import OnlineDDLPostgres
import OnlineDDLSupport

/// Why a run stopped before applying every pending migration.
public enum RunFailure: Error, Sendable, CustomStringConvertible {
    /// A statement failed with an error that retrying does not cure.
    /// `aftermath` says what the failure left applied and what to do next.
    case statementFailed(StatementPosition, PostgresError, aftermath: String)
    /// The file cannot run as written, as the catalog shows: a statement that cannot run in a
    /// transaction block inside `BEGIN … COMMIT`. Nothing of the file ran.
    case cannotRun(StatementPosition, reason: String)
    /// Locks could not be had within the attempts or the wait budget.
    case gaveUp(StatementPosition, reason: String)
    /// SIGINT or SIGTERM.
    case interrupted(signal: Int32)
    /// Applied files changed since they were applied.
    case checksumsChanged([ChangedMigration])
    /// Another runner holds the run lock.
    case runnerBusy(RunnerLock.Holder?, waited: Duration)
    /// The database could not be reached, or refused the connection (wrong password,
    /// missing database).
    case cannotConnect(PostgresError)
    /// The history table is missing and could not be created (often: the role may not
    /// create its schema).
    case historyUnavailable(HistoryTable, PostgresError)
    /// A standby given with `--standby` could not be reached, or failed to answer the gate.
    case standbyUnavailable(standby: String, PostgresError)
    /// The database refused something else outside a migration statement (reading the
    /// history, a snapshot).
    case database(PostgresError)

    public var description: String {
        switch self {
        case .statementFailed(let position, let error, let aftermath):
            return "\(position): \(error.description)\n  \(aftermath)"
        case .cannotRun(let position, let reason):
            return "\(position): \(reason)\n  nothing of \(position.file) was applied"
        case .gaveUp(let position, let reason):
            return "\(position): gave up waiting for locks: \(reason)\n  what was applied is committed and recorded, nothing half-done; "
                + "run apply again later (it resumes there), or allow more with --max-wait or --max-attempts"
        case .interrupted(let signal):
            return "interrupted by signal \(signal): the statement in flight was cancelled and rolled back"
        case .checksumsChanged(let changes):
            return "applied migrations changed since they were applied:\n"
                + changes.map { "  \($0.file): recorded \($0.recorded.prefix(12))…, now \($0.current.prefix(12))…" }
                    .joined(separator: "\n")
                + "\nrestore the applied files, add the change as a new migration, or rerun with --allow-changed to accept the new contents"
        case .runnerBusy(let holder, let waited):
            let who = holder.map { "another onlineddl runner holds the run lock: \($0)" }
                ?? "another onlineddl runner holds the run lock"
            return waited == .zero
                ? "\(who); wait for it to finish, or rerun with --wait-for-runner 5m"
                : "\(who); gave up after waiting \(DurationText.human(waited))"
        case .cannotConnect(let error):
            return "could not connect: \(error.message)"
        case .historyUnavailable(let table, let error):
            let advice = error.sqlState == .insufficientPrivilege
                ? "; the role needs CREATE on schema \(table.schema), or on the database to create that schema: grant it, create the table beforehand, or pick another schema with --history-table"
                : ""
            return "could not create the history table \(table): \(error.description)\(advice)"
        case .standbyUnavailable(let standby, let error):
            return "standby \(standby): \(error.message)\n  the gate cannot tell whether a statement would stall its readers; "
                + "fix the connection, or give it with --standby-optional (optional_standbys in onlineddl.toml) to apply without checking it when it is unreachable"
        case .database(let error):
            return error.description
        }
    }
}

/// An applied migration whose file no longer matches the recorded checksum.
public struct ChangedMigration: Sendable, Equatable, Encodable {
    public let version: String
    public let file: String
    public let recorded: String
    public let current: String
}
