/// Opens the runner's sessions: every one named `onlineddl` in `pg_stat_activity`, with
/// the run's timeouts, so a runner that dies or freezes never leaves locks behind for long.
struct RunnerSession {
    let connectionString: ConnectionString
    let configuration: RunnerConfiguration

    /// The control session: the run lock, history reads, live lock snapshots.
    func openControl() throws(PostgresError) -> Connection {
        let connection = try Connection(connectionString)
        try connection.execute("""
            SET application_name = \(SQLIdentifier.literal(RunnerConfiguration.applicationName));
            SET lock_timeout = \(setting(configuration.lockTimeout));
            SET statement_timeout = '1min';
            SET idle_in_transaction_session_timeout = \(setting(configuration.idleInTransactionTimeout))
            """)
        return connection
    }

    /// A session for one migration's statements, with the file's directives applied, in
    /// one round trip.
    func openMigration(_ directives: MigrationDirectives) throws(PostgresError) -> Connection {
        let connection = try Connection(connectionString)
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
        if connection.serverVersion >= 110000 { settings.append("max_parallel_maintenance_workers = \(parallelWorkers)") }
        // From PostgreSQL 14 on, the server notices within a second when the runner's process
        // dies during a long statement, so the statement and its locks end then, not when
        // the statement finishes.
        if connection.serverVersion >= 140000 { settings.append("client_connection_check_interval = '1s'") }
        try connection.execute(settings.map { "SET \($0)" }.joined(separator: ";\n"))
        return connection
    }

    /// A duration as a setting value in milliseconds, which every version reads the same way.
    private func setting(_ duration: Duration) -> String {
        "'\(duration.wholeMilliseconds)ms'"
    }
}
