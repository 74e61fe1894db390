import OnlineDDLPostgres

/// A hot standby the gate checks, and whether the run may go on without it.
public struct StandbyTarget: Sendable {
    public let connectionString: ConnectionString
    /// Whether an unreachable standby is left out (reported) rather than an error
    /// (`--standby-optional`, `optional_standbys`).
    public let isOptional: Bool

    public init(_ connectionString: ConnectionString, isOptional: Bool = false) {
        self.connectionString = connectionString
        self.isOptional = isOptional
    }

    /// A session on the standby for its reads: named `onlineddl`, with short timeouts, and
    /// refused unless the server is in recovery (a primary given by mistake, a promoted
    /// standby).
    public func open() throws(PostgresError) -> Connection {
        let connection = try Connection(connectionString)
        try connection.execute("""
            SET application_name = 'onlineddl'; SET statement_timeout = '5s'; SET lock_timeout = '1s'
            """)
        let inRecovery: Bool = try connection.query("SELECT pg_is_in_recovery() AS r").rows[0].decode("r")
        guard inRecovery else {
            throw PostgresError(kind: .client, message: "not a hot standby: pg_is_in_recovery() is false (was it promoted?)")
        }
        return connection
    }

    /// The standby as reports name it: its connection string without any password.
    public var name: String { connectionString.redacted }
}
