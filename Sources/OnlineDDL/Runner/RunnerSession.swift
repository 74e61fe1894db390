import OnlineDDLMigrations
import OnlineDDLParsing
import OnlineDDLPostgres

/// Opens the runner's sessions: every one named `onlineddl` in `pg_stat_activity`, with
/// the run's timeouts, so a runner that dies or freezes never leaves locks behind for long.
package struct RunnerSession {
    let connectionString: ConnectionString
    let configuration: RunnerConfiguration

    /// Creates a value with every property given.
    package init(connectionString: ConnectionString, configuration: RunnerConfiguration) {
        self.connectionString = connectionString
        self.configuration = configuration
    }

    /// The control session: the run lock, history reads, live lock snapshots.
    package func openControl() throws(PostgresError) -> Connection {
        let connection = try Connection(connectionString)
        try connection.execute("""
            SET application_name = \(SQLIdentifier.literal(RunnerConfiguration.applicationName));
            SET lock_timeout = \(setting(configuration.lockTimeout));
            SET statement_timeout = '1min';
            SET idle_in_transaction_session_timeout = \(setting(configuration.idleInTransactionTimeout))
            """)
        return connection
    }

    /// A session for one migration's statements, with the file's directives applied.
    func openMigration(_ directives: MigrationDirectives) throws(PostgresError) -> MigrationSession {
        let connection = try Connection(connectionString)
        try connection.execute(settings(for: directives, serverVersion: connection.serverVersion))
        return MigrationSession(connection: connection, canceller: try connection.makeCanceller())
    }

    /// `session`, which ran an earlier migration to its end, made as good as new for the
    /// next one: what `DISCARD ALL` does drops whatever the earlier file left in it
    /// (settings, temporary tables, advisory locks, prepared statements, role), then the
    /// file's settings are set, in one round trip. Saves the server a new backend per
    /// migration. Nil when the session cannot be reset (the server went away, say): open a
    /// new one then.
    func reuse(_ session: MigrationSession, for directives: MigrationDirectives) -> MigrationSession? {
        let connection = session.connection
        do {
            try connection.execute(Self.discardAll + ";\n" + settings(for: directives, serverVersion: connection.serverVersion))
            return session
        } catch {
            return nil
        }
    }

    /// `DISCARD ALL` as the statements PostgreSQL documents it to equal (the DISCARD
    /// reference page, the same from 9.4 to 18): `DISCARD ALL` itself refuses to run in a
    /// transaction block, which a string of several statements is.
    private static let discardAll = """
        CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DEALLOCATE ALL; UNLISTEN *;
        SELECT pg_advisory_unlock_all(); DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES
        """

    /// The `SET` statements of a migration session (and its `synchronous_commit` when
    /// standbys are checked), in one string.
    private func settings(for directives: MigrationDirectives, serverVersion: Int) -> String {
        let lockTimeout = directives.lockTimeout ?? configuration.lockTimeout
        let statementTimeout = directives.statementTimeout ?? configuration.statementTimeout
        let parallelWorkers = directives.parallelWorkers ?? configuration.parallelWorkers
        var settings = [
            "application_name = \(SQLIdentifier.literal(RunnerConfiguration.applicationName))",
            "lock_timeout = \(setting(lockTimeout))",
            "statement_timeout = \(setting(statementTimeout))",
            "idle_in_transaction_session_timeout = \(setting(configuration.idleInTransactionTimeout))",
            "max_parallel_workers_per_gather = \(parallelWorkers)",
        ]
        // Parallel index builds exist from PostgreSQL 11 on.
        if serverVersion >= 110000 { settings.append("max_parallel_maintenance_workers = \(parallelWorkers)") }
        // From PostgreSQL 14 on, the server notices within a second when the runner's process
        // dies during a long statement, so the statement and its locks end then, not when
        // the statement finishes.
        if serverVersion >= 140000 { settings.append("client_connection_check_interval = '1s'") }
        var statements = settings.map { "SET \($0)" }
        // A standby replays an ACCESS EXCLUSIVE lock as soon as its record is streamed and
        // holds it, stalling its readers, until the commit is streamed too. With
        // synchronous_commit off the commit waits for the WAL writer (up to three
        // wal_writer_delay) while another backend's flush may already have sent the lock:
        // the commit is flushed at COMMIT instead. Stronger settings are kept.
        if !configuration.standbys.isEmpty {
            statements.append("SELECT set_config('synchronous_commit', 'local', false) WHERE current_setting('synchronous_commit') = 'off'")
        }
        return statements.joined(separator: ";\n")
    }

    /// A duration as a setting value in milliseconds, which every version reads the same way.
    private func setting(_ duration: Duration) -> String {
        "'\(duration.wholeMilliseconds)ms'"
    }
}

/// The session a migration's statements run on, and the way to cancel them from another
/// thread.
struct MigrationSession {
    let connection: Connection
    let canceller: QueryCanceller
}
