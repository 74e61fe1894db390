import OnlineDDLMigrations
import OnlineDDLPostgres

/// The session-level advisory lock that lets one runner at a time apply migrations to a
/// database (per history table). It is held by the runner's control session, so it goes
/// away with that session, even when the runner is killed.
public struct RunnerLock: Sendable {
    /// The first half of the two-key advisory lock: "onld" in ASCII.
    static let classKey: Int32 = 0x6F6E_6C64

    public let historyTable: HistoryTable

    public init(historyTable: HistoryTable) {
        self.historyTable = historyTable
    }

    /// The runner that holds the lock: its backend pid, application and since when its
    /// session exists (the runner takes the lock right after connecting).
    public struct Holder: Sendable, Equatable, CustomStringConvertible {
        public let pid: Int32
        public let applicationName: String?
        public let clientAddress: String?
        /// `pg_stat_activity.backend_start`, `YYYY-MM-DDTHH:MM:SSZ`.
        public let since: String?

        public var description: String {
            var text = "pid \(pid)"
            if let applicationName, !applicationName.isEmpty { text += " (\(applicationName))" }
            if let clientAddress { text += " from \(clientAddress)" }
            if let since { text += ", running since \(since)" }
            return text
        }
    }

    /// Takes the lock if it is free; returns whether it did.
    public func tryAcquire(on connection: Connection) throws(PostgresError) -> Bool {
        try connection.query(
            "SELECT pg_try_advisory_lock($1::int4, hashtext($2)) AS taken", [Self.classKey, historyTable.description]
        ).rows[0].decode("taken")
    }

    /// Releases the lock (closing the session releases it too).
    public func release(on connection: Connection) throws(PostgresError) {
        try connection.query("SELECT pg_advisory_unlock($1::int4, hashtext($2))", [Self.classKey, historyTable.description])
    }

    /// Who holds the lock, if anyone.
    public func holder(on connection: Connection) throws(PostgresError) -> Holder? {
        let rows = try connection.query("""
            SELECT l.pid, a.application_name, a.client_addr::text AS client_addr,
                   to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since
              FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
               AND l.classid::int8 = ($1::int4)::int8 & 4294967295
               AND l.objid::int8 = hashtext($2)::int8 & 4294967295
               AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, [Self.classKey, historyTable.description]).rows
        guard let row = rows.first else { return nil }
        return Holder(
            pid: try row.decode("pid"), applicationName: try row.decode("application_name"),
            clientAddress: try row.decode("client_addr"), since: try row.decode("since"))
    }
}
