import OnlineDDLLocking

extension LockSnapshot {
    /// Reads the lock table of the connection's database (and shared objects), leaving out
    /// the reading session itself. Predicate locks (`SIReadLock`) are not queue locks and
    /// are left out too. On a hot standby it also reads `max_standby_streaming_delay`, in
    /// the same round trip.
    public static func read(from connection: Connection) throws(PostgresError) -> LockSnapshot {
        let waitStart = connection.serverVersion >= 140000 ? "extract(epoch FROM l.waitstart)::float8" : "NULL::float8"
        let result = try connection.preparedQuery("""
            SELECT l.locktype, l.mode, l.granted, l.fastpath, l.virtualtransaction, l.pid, l.relation::int8 AS relation_id,
                   concat_ws(':', l.database, l.relation, l.page, l.tuple, l.virtualxid, l.transactionid,
                             l.classid, l.objid, l.objsubid) AS key,
                   CASE WHEN l.locktype = 'relation' THEN
                       (SELECT format('%I.%I', n.nspname, c.relname)
                          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE c.oid = l.relation) END AS relation_name,
                   \(waitStart) AS wait_start,
                   a.usename, a.application_name, a.client_addr::text AS client_addr, a.state,
                   a.backend_xid::text AS backend_xid,
                   extract(epoch FROM a.xact_start)::float8 AS xact_start,
                   extract(epoch FROM a.query_start)::float8 AS query_start,
                   extract(epoch FROM a.state_change)::float8 AS state_change,
                   a.wait_event_type, a.wait_event, left(a.query, 2048) AS query, a.backend_type,
                   extract(epoch FROM clock_timestamp())::float8 AS taken_at,
                   pg_is_in_recovery() AS in_recovery,
                   (SELECT setting::float8 FROM pg_settings WHERE name = 'max_standby_streaming_delay')
                       AS max_standby_streaming_delay_ms
              -- One row with NULL locks when there are none, so that an idle server answers
              -- with its clock in the same round trip.
              FROM (VALUES (true)) AS always (row)
              LEFT JOIN (pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid)
                ON l.pid IS DISTINCT FROM pg_backend_pid()
               AND l.mode <> 'SIReadLock'
               AND (l.database IS NULL OR l.database = 0
                    OR l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
            """)
        var locks: [Lock] = []
        var activity: [Int32: SessionActivity] = [:]
        var takenAt = 0.0
        var standby: StandbyRecovery?
        if let row = result.rows.first, try row.decode("in_recovery", as: Bool.self) {
            standby = StandbyRecovery(maxStandbyStreamingDelay: .init(milliseconds: try row.decode("max_standby_streaming_delay_ms")))
        }
        for row in result.rows {
            takenAt = try row.decode("taken_at")
            guard let modeName = try row.decode("mode", as: String?.self), let mode = LockMode(pgLocksName: modeName) else { continue }
            let pid: Int32? = try row.decode("pid")
            let tag = LockTag(
                type: try row.decode("locktype"), key: try row.decode("key"), relationName: try row.decode("relation_name"),
                relationID: try row.decode("relation_id", as: Int64?.self).map { UInt32(truncatingIfNeeded: $0) })
            locks.append(Lock(
                tag: tag, session: try row.decode("virtualtransaction"), pid: pid, mode: mode,
                granted: try row.decode("granted"), fastPath: try row.decode("fastpath"), waitStart: try row.decode("wait_start")
            ))
            if let pid, activity[pid] == nil {
                activity[pid] = SessionActivity(
                    pid: pid, user: try row.decode("usename"), applicationName: try row.decode("application_name"),
                    clientAddress: try row.decode("client_addr"), state: try row.decode("state"),
                    backendXID: try row.decode("backend_xid"), transactionStart: try row.decode("xact_start"),
                    queryStart: try row.decode("query_start"), stateChange: try row.decode("state_change"),
                    waitEventType: try row.decode("wait_event_type"), waitEvent: try row.decode("wait_event"),
                    query: try row.decode("query"), backendType: try row.decode("backend_type")
                )
            }
        }
        return LockSnapshot(locks: locks, activity: activity, takenAt: takenAt, serverVersion: connection.serverVersion,
                            standby: standby)
    }
}
