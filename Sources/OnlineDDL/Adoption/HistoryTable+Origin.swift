import OnlineDDLMigrations
import OnlineDDLPostgres

/// The rows `adopt` and `baseline` write: migrations recorded as applied without running
/// them, marked in the `origin` column.
extension HistoryTable {
    /// Adds the `origin` column to a table an older onlineddl created. Only when it is
    /// missing: `ADD COLUMN` takes an ACCESS EXCLUSIVE lock, for a moment (a nullable column
    /// without a default rewrites nothing). Older onlineddl versions keep working with the
    /// table, which they read and write by column name.
    func addOriginColumn(on connection: Connection) throws(PostgresError) {
        let present: Bool = try connection.query("""
            SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'origin' AND NOT attisdropped) AS present
            """, [sqlName]).rows[0].decode("present")
        if !present { try connection.execute("ALTER TABLE \(sqlName) ADD COLUMN IF NOT EXISTS origin text") }
    }

    /// Records `migration` as completely applied, at the other tool's time (else now), with
    /// no duration and no attempt; a version already recorded is left as it is.
    func recordAdopted(_ migration: AdoptedMigration, origin: HistoryOrigin, on connection: Connection) throws(PostgresError) {
        try connection.query("""
            INSERT INTO \(sqlName) (version, name, checksum, applied_at, duration_ms, attempts, lock_wait_ms,
                                    statements_applied, statements_total, origin)
            VALUES ($1, $2, $3, coalesce($4::timestamptz, clock_timestamp()), 0, 0, 0, $5, $5, $6)
            ON CONFLICT (version) DO NOTHING
            """, [
                MigrationFile.canonical(migration.version), migration.name, migration.checksum, migration.appliedAt,
                migration.statements, origin.stored,
            ])
    }
}
