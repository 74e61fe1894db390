import OnlineDDLLocking

extension ConcurrentWaitSnapshot {
    /// Reads every backend but the reading session (`pg_stat_activity`, with the lazy-VACUUM
    /// and safe-index-build flags derived from `pg_stat_progress_vacuum` and
    /// `pg_stat_progress_create_index`), the database's prepared transactions, and
    /// `pg_snapshot_xmin(pg_current_snapshot())`, in one query that takes no lock on a user
    /// relation. Without `pg_read_all_stats`, another role's backends come with their
    /// `backend_xmin` but without state, transaction start or backend type.
    public static func read(from connection: Connection) throws(PostgresError) -> ConcurrentWaitSnapshot {
        let result = try connection.preparedQuery("""
            WITH backends AS (
                SELECT a.pid, a.datid::int8 AS database, a.backend_type, a.application_name, a.state,
                       a.backend_xmin::text::int8 AS xmin, extract(epoch FROM a.xact_start)::float8 AS xact_start,
                       -- PROC_IN_VACUUM: set in vacuum_rel for a lazy VACUUM only, parallel workers included.
                       EXISTS (SELECT 1 FROM pg_stat_progress_vacuum v WHERE v.pid IN (a.pid, a.leader_pid)) AS lazy_vacuum,
                       -- PROC_IN_SAFE_IC: an index without expressions or predicate, set from the
                       -- second transaction on (index_relid is 0 while the first one runs).
                       EXISTS (SELECT 1 FROM pg_stat_progress_create_index c JOIN pg_index i ON i.indexrelid = c.index_relid
                                WHERE c.pid IN (a.pid, a.leader_pid)
                                  AND c.command IN ('CREATE INDEX CONCURRENTLY', 'REINDEX CONCURRENTLY')
                                  AND i.indexprs IS NULL AND i.indpred IS NULL) AS safe_index_build,
                       NULL::text AS gid, NULL::text AS virtual_transaction, NULL::float8 AS prepared
                  FROM pg_stat_activity a
                 WHERE a.pid <> pg_backend_pid()
                UNION ALL
                SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, false, p.gid,
                       (SELECT l.virtualtransaction FROM pg_locks l
                         WHERE l.locktype = 'transactionid' AND l.transactionid = p.transaction AND l.granted
                           AND l.pid IS NULL LIMIT 1),
                       extract(epoch FROM p.prepared)::float8
                  FROM pg_prepared_xacts p
                 WHERE p.database = current_database()
            )
            SELECT (SELECT oid::int8 FROM pg_database WHERE datname = current_database()) AS current_database,
                   -- An xid8 (epoch and xid): its 32-bit xid is what backend_xmin compares with.
                   (pg_snapshot_xmin(pg_current_snapshot())::text::numeric % 4294967296)::int8 AS limit_xmin,
                   extract(epoch FROM clock_timestamp())::float8 AS taken_at, b.*
              -- One row when there is nothing else, so that the constants always arrive.
              FROM (VALUES (true)) AS always (row) LEFT JOIN backends b ON true
            """)
        var backends: [Backend] = []
        var prepared: [PreparedTransaction] = []
        var database: UInt32 = 0
        var limitXmin: UInt32 = 0
        var takenAt = 0.0
        for row in result.rows {
            database = UInt32(truncatingIfNeeded: try row.decode("current_database", as: Int64.self))
            limitXmin = UInt32(truncatingIfNeeded: try row.decode("limit_xmin", as: Int64.self))
            takenAt = try row.decode("taken_at")
            if let gid = try row.decode("gid", as: String?.self) {
                prepared.append(PreparedTransaction(
                    gid: gid, virtualTransaction: try row.decode("virtual_transaction"), prepared: try row.decode("prepared")))
            } else if let pid = try row.decode("pid", as: Int32?.self) {
                backends.append(Backend(
                    pid: pid, database: try row.decode("database", as: Int64?.self).map { UInt32(truncatingIfNeeded: $0) },
                    backendType: try row.decode("backend_type"),
                    applicationName: try row.decode("application_name"), state: try row.decode("state"),
                    xmin: try row.decode("xmin", as: Int64?.self).map { UInt32(truncatingIfNeeded: $0) },
                    transactionStart: try row.decode("xact_start"), inLazyVacuum: try row.decode("lazy_vacuum"),
                    inSafeIndexBuild: try row.decode("safe_index_build")))
            }
        }
        return ConcurrentWaitSnapshot(
            database: database, backends: backends, preparedTransactions: prepared, limitXmin: limitXmin, takenAt: takenAt)
    }
}
