/// How a migration file is run: in one transaction, or statement by statement.
public enum MigrationTransaction {
    /// Whether a file runs in one transaction: true unless one of its statements cannot run
    /// in a transaction block (`CREATE INDEX CONCURRENTLY`, `VACUUM`, …); such a file is run
    /// statement by statement, each in its own transaction. Runners, `plan` and the lint rules
    /// all decide with this function.
    public static func runsInTransaction(_ analyses: [StatementAnalysis]) -> Bool {
        analyses.allSatisfy(\.transactional)
    }
}
