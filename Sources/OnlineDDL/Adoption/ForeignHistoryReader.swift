import OnlineDDLMigrations
import OnlineDDLPostgres

/// Reads another tool's history table: every query `adopt` sends to it is here, and none
/// of them writes. The rows go to the tool's reader (``GolangMigrateHistory``, …), which
/// turns them into a ``ForeignHistory`` without a database.
struct ForeignHistoryReader {
    let connection: Connection

    /// `table` found through `search_path` (or in its schema), with its columns; nil when
    /// there is no such table.
    func locate(_ table: ForeignTable) throws(PostgresError) -> (table: ForeignTable, columns: Set<String>)? {
        let rows = try connection.query("""
            SELECT n.nspname, c.relname, array_to_string(ARRAY(
                       SELECT attname FROM pg_attribute WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped), ',') AS columns
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.oid = to_regclass($1)
            """, [table.sqlName]).rows
        guard let row = rows.first else { return nil }
        let columns: String = try row.decode("columns")
        return (ForeignTable(schema: try row.decode("nspname"), name: try row.decode("relname")),
                Set(columns.split(separator: ",").map(String.init)))
    }

    /// What `source`'s table (already located, so schema-qualified) says was applied.
    func history(of source: AdoptionSource, in table: ForeignTable) throws(PostgresError) -> ForeignHistory {
        let name = table.sqlName
        switch source {
        case .golangMigrate:
            let rows = try connection.query("SELECT version::text AS version, dirty FROM \(name) ORDER BY version").rows
            return GolangMigrateHistory.history(try rows.map { row throws(PostgresError) in
                GolangMigrateHistory.Row(version: try row.decode("version"), dirty: try row.decode("dirty"))
            })
        case .goose:
            let rows = try connection.query(
                "SELECT id::int8 AS id, version_id::text AS version_id, is_applied, \(Self.utc("tstamp")) AS tstamp FROM \(name) ORDER BY id").rows
            return GooseHistory.history(try rows.map { row throws(PostgresError) in
                GooseHistory.Row(
                    id: try row.decode("id"), versionID: try row.decode("version_id"), isApplied: try row.decode("is_applied"),
                    appliedAt: try row.decode("tstamp"))
            })
        case .sqlx:
            let rows = try connection.query("""
                SELECT version::text AS version, description, \(Self.utc("installed_on")) AS installed_on, success,
                       encode(checksum, 'hex') AS checksum
                  FROM \(name) ORDER BY version
                """).rows
            return SqlxHistory.history(try rows.map { row throws(PostgresError) in
                SqlxHistory.Row(
                    version: try row.decode("version"), description: try row.decode("description"),
                    installedOn: try row.decode("installed_on"), success: try row.decode("success"), checksum: try row.decode("checksum"))
            })
        case .dbmate:
            let rows = try connection.query("SELECT version::text AS version FROM \(name) ORDER BY version").rows
            return DbmateHistory.history(versions: try rows.map { row throws(PostgresError) in try row.decode("version") })
        case .flyway:
            let rows = try connection.query("""
                SELECT installed_rank, version, type, script, checksum, \(Self.utc("installed_on")) AS installed_on, success
                  FROM \(name) ORDER BY installed_rank
                """).rows
            return FlywayHistory.history(try rows.map { row throws(PostgresError) in
                FlywayHistory.Row(
                    installedRank: try row.decode("installed_rank"), version: try row.decode("version"), type: try row.decode("type"),
                    script: try row.decode("script"), checksum: try row.decode("checksum"), installedOn: try row.decode("installed_on"),
                    success: try row.decode("success"))
            })
        case .diesel:
            let rows = try connection.query("SELECT version, \(Self.utc("run_on")) AS run_on FROM \(name) ORDER BY version").rows
            return DieselHistory.history(try rows.map { row throws(PostgresError) in
                DieselHistory.Row(version: try row.decode("version"), runOn: try row.decode("run_on"))
            })
        case .prisma:
            let rows = try connection.query("""
                SELECT id, checksum, \(Self.utc("finished_at")) AS finished_at, migration_name,
                       \(Self.utc("rolled_back_at")) AS rolled_back_at, \(Self.utc("started_at")) AS started_at
                  FROM \(name)
                """).rows
            return PrismaHistory.history(try rows.map { row throws(PostgresError) in
                PrismaHistory.Row(
                    id: try row.decode("id"), checksum: try row.decode("checksum"), finishedAt: try row.decode("finished_at"),
                    migrationName: try row.decode("migration_name"), rolledBackAt: try row.decode("rolled_back_at"),
                    startedAt: try row.decode("started_at"))
            })
        }
    }

    /// A timestamp column as `YYYY-MM-DDTHH:MM:SSZ`. A `timestamp` without time zone (goose,
    /// Flyway, diesel) holds the session's local time of `now()`, so it is read in the
    /// session's time zone, as it was written.
    private static func utc(_ column: String) -> String {
        "to_char(\(column)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    }
}
