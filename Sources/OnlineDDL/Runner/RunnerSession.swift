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

    /// A session for one migration's statements, with the file's directives applied.
    func openMigration(_ directives: MigrationDirectives) throws(PostgresError) -> Connection {
        let connection = try Connection(connectionString)
        let lockTimeout = directives.lockTimeout ?? configuration.lockTimeout
        let statementTimeout = directives.statementTimeout ?? configuration.statementTimeout
        try connection.execute("""
            SET application_name = \(SQLIdentifier.literal(RunnerConfiguration.applicationName));
            SET lock_timeout = \(setting(lockTimeout));
            SET statement_timeout = \(setting(statementTimeout));
            SET idle_in_transaction_session_timeout = \(setting(configuration.idleInTransactionTimeout))
            """)
        try checkClientConnection(connection)
        return connection
    }

    /// From PostgreSQL 14 on, asks the server to notice within a second when the runner's
    /// process dies during a long statement, so the statement and its locks end then, not
    /// when the statement finishes.
    private func checkClientConnection(_ connection: Connection) throws(PostgresError) {
        guard connection.serverVersion >= 140000 else { return }
        try connection.execute("SET client_connection_check_interval = '1s'")
    }

    /// A duration as a setting value in milliseconds, which every version reads the same way.
    private func setting(_ duration: Duration) -> String {
        "'\(duration.wholeMilliseconds)ms'"
    }
}
