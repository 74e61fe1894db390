import OnlineDDLLocking
import OnlineDDLSupport

extension StandbySnapshot {
    /// Reads the standby on `connection`: sessions with a lock on `relationIDs` of the
    /// database `databaseID` (OIDs as the primary has them: a physical standby's are the
    /// same), the startup process's lock wait, and the replay state, in one round trip.
    /// Reads only `pg_locks`, `pg_stat_activity` and functions, so it opens no relation the
    /// startup process may hold.
    public static func read(from connection: Connection, databaseID: UInt32, relationIDs: [UInt32]) throws(PostgresError) -> StandbySnapshot {
        let modern = connection.serverVersion >= 140000
        let pauseState = modern
            ? "pg_get_wal_replay_pause_state()"
            : "CASE WHEN pg_is_wal_replay_paused() THEN 'paused' ELSE 'not paused' END"
        let waitStart = modern ? "extract(epoch FROM clock_timestamp() - w.waitstart)::float8" : "NULL::float8"
        let holderColumns = """
            a.application_name, a.usename, a.state, extract(epoch FROM clock_timestamp() - a.xact_start)::float8 AS xact_age,
            extract(epoch FROM clock_timestamp() - a.state_change)::float8 AS state_age, left(a.query, 2048) AS query
            """
        let results = try connection.preparedQueries([
            ("""
                SELECT l.pid, l.relation::int8 AS relation_id, l.mode, \(holderColumns)
                  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'relation' AND l.database = $1::oid AND l.relation = ANY($2::oid[])
                   AND a.backend_type <> 'startup' AND l.pid <> pg_backend_pid()
                 ORDER BY l.pid
                """, [Int(databaseID), "{" + relationIDs.map(String.init).joined(separator: ",") + "}"]),
            // The startup process's ungranted lock and the granted locks on the same tag
            // (every mode conflicts: it only ever waits for ACCESS EXCLUSIVE).
            ("""
                SELECT w.pid AS startup_pid, \(waitStart) AS waiting, h.pid, h.relation::int8 AS relation_id, h.mode,
                       \(holderColumns)
                  FROM pg_stat_activity s
                  JOIN pg_locks w ON w.pid = s.pid AND NOT w.granted
                  LEFT JOIN pg_locks h ON h.granted AND h.pid IS DISTINCT FROM w.pid
                   AND h.locktype = w.locktype AND h.database IS NOT DISTINCT FROM w.database
                   AND h.relation IS NOT DISTINCT FROM w.relation AND h.page IS NOT DISTINCT FROM w.page
                   AND h.tuple IS NOT DISTINCT FROM w.tuple AND h.virtualxid IS NOT DISTINCT FROM w.virtualxid
                   AND h.transactionid IS NOT DISTINCT FROM w.transactionid AND h.classid IS NOT DISTINCT FROM w.classid
                   AND h.objid IS NOT DISTINCT FROM w.objid AND h.objsubid IS NOT DISTINCT FROM w.objsubid
                  LEFT JOIN pg_stat_activity a ON a.pid = h.pid
                 WHERE s.backend_type = 'startup'
                 ORDER BY h.pid
                """, []),
            ("""
                SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_receive_lsn()::text AS received,
                       pg_last_wal_replay_lsn()::text AS replayed, \(pauseState) AS pause_state,
                       extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 AS since_commit,
                       current_setting('wal_block_size')::int8 AS page_size
                """, []),
        ])
        func holder(_ row: Row) throws(PostgresError) -> LockHolder? {
            guard let pid = try row.decode("pid", as: Int32?.self) else { return nil }
            return LockHolder(
                pid: pid, relationID: UInt32(truncatingIfNeeded: try row.decode("relation_id", as: Int64?.self) ?? 0),
                mode: LockMode(pgLocksName: try row.decode("mode")), applicationName: try row.decode("application_name"),
                user: try row.decode("usename"), state: try row.decode("state"),
                transactionAgeSeconds: try row.decode("xact_age"), stateSeconds: try row.decode("state_age"),
                query: try row.decode("query"))
        }
        var holders: [LockHolder] = []
        for row in results[0].rows { if let found = try holder(row) { holders.append(found) } }
        var waits: [StartupWait] = []
        for row in results[1].rows {
            waits.append(StartupWait(
                startupPID: try row.decode("startup_pid"), waitingSeconds: try row.decode("waiting"), holder: try holder(row)))
        }
        let replay = results[2].rows[0]
        let pause: String = try replay.decode("pause_state")
        return StandbySnapshot(
            inRecovery: try replay.decode("in_recovery"), holders: holders, startupWaits: waits,
            receivedUpTo: try replay.decode("received"), replayedUpTo: try replay.decode("replayed"),
            pauseState: ReplayPauseState(rawValue: pause) ?? .paused,
            sinceLastReplayedCommitSeconds: try replay.decode("since_commit"),
            walPageSize: UInt64(try replay.decode("page_size", as: Int64.self)))
    }
}

extension WALPosition: PostgresTextDecodable {
    public init?(postgresText text: String) { self.init(pgLSN: text) }
}
