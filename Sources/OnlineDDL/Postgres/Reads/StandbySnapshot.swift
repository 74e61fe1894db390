import OnlineDDLLocking

/// What a hot standby shows about the relations a primary statement will lock in ACCESS
/// EXCLUSIVE mode: the standby's startup process replays that lock (standby.c
/// `StandbyAcquireAccessExclusiveLock`), queues behind every session holding any lock on the
/// relation there, and every later reader queues behind it. Read by ``read(from:databaseID:relationIDs:)``;
/// the runner's gate decides on it (`StandbyAssessment`).
public struct StandbySnapshot: Sendable, Equatable {
    /// `pg_get_wal_replay_pause_state()`.
    public enum ReplayPauseState: String, Sendable, Equatable {
        case notPaused = "not paused"
        case pauseRequested = "pause requested"
        case paused
    }

    /// A standby session holding (or awaiting) a lock on one of the relations.
    public struct LockHolder: Sendable, Equatable {
        public let pid: Int32
        public let relationID: UInt32
        /// `pg_locks.mode`; nil for a mode onlineddl does not know.
        public let mode: LockMode?
        public let applicationName: String?
        public let user: String?
        public let state: String?
        public let transactionAgeSeconds: Double?
        /// Time in its current `state`.
        public let stateSeconds: Double?
        public let query: String?

        /// Whether the session sits idle inside its transaction (aborted or not).
        public var isIdleInTransaction: Bool { state?.hasPrefix("idle in transaction") == true }

        /// Creates a value with every property given.
        public init(
            pid: Int32, relationID: UInt32, mode: LockMode?, applicationName: String?, user: String?, state: String?,
            transactionAgeSeconds: Double?, stateSeconds: Double?, query: String?
        ) {
            self.pid = pid
            self.relationID = relationID
            self.mode = mode
            self.applicationName = applicationName
            self.user = user
            self.state = state
            self.transactionAgeSeconds = transactionAgeSeconds
            self.stateSeconds = stateSeconds
            self.query = query
        }
    }

    /// The startup process waiting for a lock (replay stopped), and one session holding it.
    /// `pg_blocking_pids()` is always empty for the startup process, so the holder comes
    /// from `pg_locks`: a granted lock on the same tag.
    public struct StartupWait: Sendable, Equatable {
        public let startupPID: Int32
        public let waitingSeconds: Double?
        /// Nil when no granted lock on the tag was seen (it was released between the rows).
        public let holder: LockHolder?

        /// Creates a value with every property given.
        public init(startupPID: Int32, waitingSeconds: Double?, holder: LockHolder?) {
            self.startupPID = startupPID
            self.waitingSeconds = waitingSeconds
            self.holder = holder
        }
    }

    /// `pg_is_in_recovery()`: false once the server was promoted.
    public let inRecovery: Bool
    public let holders: [LockHolder]
    /// Empty while the startup process waits for no lock.
    public let startupWaits: [StartupWait]
    public let receivedUpTo: WALPosition?
    public let replayedUpTo: WALPosition?
    public let pauseState: ReplayPauseState
    /// `now() - pg_last_xact_replay_timestamp()`: time since the last replayed commit was
    /// committed on the primary. It grows on an idle primary too, so it is lag only while
    /// WAL is received and not replayed.
    public let sinceLastReplayedCommitSeconds: Double?
    /// `wal_block_size`.
    public let walPageSize: UInt64

    /// Creates a value with every property given.
    public init(
        inRecovery: Bool, holders: [LockHolder], startupWaits: [StartupWait], receivedUpTo: WALPosition?,
        replayedUpTo: WALPosition?, pauseState: ReplayPauseState, sinceLastReplayedCommitSeconds: Double?,
        walPageSize: UInt64 = 8192
    ) {
        self.inRecovery = inRecovery
        self.holders = holders
        self.startupWaits = startupWaits
        self.receivedUpTo = receivedUpTo
        self.replayedUpTo = replayedUpTo
        self.pauseState = pauseState
        self.sinceLastReplayedCommitSeconds = sinceLastReplayedCommitSeconds
        self.walPageSize = walPageSize
    }

    /// Seconds replay is behind: while the standby has received WAL it has not replayed,
    /// the time since the last replayed commit; zero when it has replayed all it received.
    public var replayLagSeconds: Double {
        guard let receivedUpTo, let replayedUpTo, receivedUpTo > replayedUpTo else { return 0 }
        return max(0, sinceLastReplayedCommitSeconds ?? 0)
    }

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
