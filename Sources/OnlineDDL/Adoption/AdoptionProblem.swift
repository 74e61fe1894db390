import OnlineDDLMigrations

/// Why `adopt` or `baseline` records nothing: a row of the other tool's history that says a
/// migration is half-done or names no file, or onlineddl's history disagreeing with the
/// baseline asked for. Each message names the row, what to check and how to go on.
public enum AdoptionProblem: Sendable, Equatable, CustomStringConvertible {
    /// golang-migrate's `dirty = true`: it stopped in the middle of this version.
    /// `previous` is the folder's version before it (`-1`, golang-migrate's none, when it
    /// is the first), once matched to the folder.
    case dirty(version: String, previous: String? = nil)
    /// A Flyway or sqlx row with `success = false`.
    case failed(AdoptionSource, row: String, version: String)
    /// A Prisma row neither finished nor rolled back: the migration failed or is running.
    case unfinished(row: String, name: String)
    /// A Prisma migration whose rows are all rolled back: Prisma would run it again.
    case rolledBack(row: String, name: String)
    /// The tool recorded a version as applied that no file of the folder has.
    case noFile(AdoptionSource, row: String, version: String)
    /// The tool recorded the whole name (Prisma's `migration_name`) and the folder's
    /// migration of that version has another.
    case otherName(AdoptionSource, row: String, file: String)
    /// A row the tool itself would not write (several golang-migrate rows, a version that
    /// is not a number).
    case unexpected(AdoptionSource, row: String, reason: String)
    /// `baseline --version V` where no file has version V.
    case noBaselineFile(version: String)
    /// onlineddl's history already records a version above the baseline.
    case recordedBeyondBaseline(version: String, baseline: String)
    /// onlineddl's history records a version at or below the baseline, partly applied or
    /// with another checksum.
    case conflictingRecord(version: String, reason: String)

    public var description: String {
        switch self {
        case .dirty(let version, let previous):
            let undone = previous.map { "`migrate force \($0)`" } ?? "`migrate force` with the version before it (-1 if none)"
            return "golang-migrate: version \(version) is marked dirty (dirty = true): golang-migrate stopped in the middle of it. "
                + "Check by hand which of its statements took effect and finish or undo them, then run `migrate force \(version)` "
                + "if it is now fully applied, or \(undone) if you undid it, and run adopt again"
        case .failed(let source, let row, let version):
            let fix = source == .flyway
                ? "then `flyway repair` to remove the failed row"
                : "then delete its row (`DELETE FROM _sqlx_migrations WHERE version = \(version)`) if you undid it, or `sqlx migrate run` to finish it"
            return "\(source): \(row) failed (success = false): \(source) stopped in the middle of it. "
                + "Check which of its statements took effect and undo or finish them by hand, \(fix), and run adopt again"
        case .unfinished(let row, let name):
            return "prisma: \(row) never finished (finished_at is null, rolled_back_at is null): the migration failed or is still running. "
                + "Check which of its statements took effect, then `prisma migrate resolve --applied \(name)` if it is complete, "
                + "or undo its changes and `prisma migrate resolve --rolled-back \(name)` and apply it again with `prisma migrate deploy`; run adopt again"
        case .rolledBack(let row, let name):
            return "prisma: \(row) is marked rolled back (rolled_back_at is set) and was not applied since: Prisma would run it again. "
                + "Run `prisma migrate deploy` to apply it before switching, or, once you checked that none of its changes remain, "
                + "delete its rows (`DELETE FROM _prisma_migrations WHERE migration_name = '\(name)'`) so that apply runs it after adopt; run adopt again"
        case .noFile(let source, let row, let version):
            return "\(source): \(row) is recorded as applied, but no file of the folder has version \(version): "
                + "restore the file (from version control), or check that this is the folder the database was migrated from and that --layout reads it right; run adopt again"
        case .otherName(let source, let row, let file):
            return "\(source): \(row) is recorded as applied, but the folder's migration of that version is \(file): "
                + "\(source) identifies a migration by its whole name, so it never applied \(file); rename the folder back "
                + "(from version control), or check that this is the folder the database was migrated from; run adopt again"
        case .unexpected(let source, let row, let reason):
            return "\(source): \(row): \(reason); check that --from names the tool that wrote the table, and repair the row with that tool"
        case .noBaselineFile(let version):
            return "no file of the folder has version \(version): --version names the last migration the database already has "
                + "(`onlineddl status DIR` lists the versions)"
        case .recordedBeyondBaseline(let version, let baseline):
            return "onlineddl's history already records version \(version), after the baseline \(baseline): baseline is for a database "
                + "whose history starts there; check `onlineddl status DIR`, and pass the last version the database has"
        case .conflictingRecord(let version, let reason):
            return "onlineddl's history already records version \(version), \(reason): check `onlineddl status DIR`; "
                + "apply resumes or refuses it as it does any other recorded migration"
        }
    }
}
