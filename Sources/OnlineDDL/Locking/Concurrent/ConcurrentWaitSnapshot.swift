/// What the snapshot wait of a `CONCURRENTLY` statement depends on, read in one query at
/// one instant: every backend's snapshot horizon (`pg_stat_activity.backend_xmin`), the
/// flags `GetCurrentVirtualXIDs` excludes by, the prepared transactions, and the
/// `limitXmin` a reference snapshot taken now would have.
public struct ConcurrentWaitSnapshot: Sendable, Equatable {
    /// One backend of `pg_stat_activity` (the reading session left out).
    public struct Backend: Sendable, Equatable {
        public let pid: Int32
        /// `datid`; nil for a backend of no database (a physical walsender, a background
        /// process).
        public let database: UInt32?
        /// `backend_type`, such as `client backend` or `autovacuum worker`.
        public let backendType: String?
        public let applicationName: String?
        /// `active`, `idle in transaction`, …
        public let state: String?
        /// `backend_xmin`: the oldest transaction its snapshots still see as running; nil
        /// while it holds no snapshot (idle, or READ COMMITTED between statements).
        public let xmin: UInt32?
        /// Seconds since the Unix epoch, as the server's clock says.
        public let transactionStart: Double?
        /// It (or its leader) is in a lazy `VACUUM` (`pg_stat_progress_vacuum`): PROC_IN_VACUUM.
        public let inLazyVacuum: Bool
        /// It (or its leader) builds a `CONCURRENTLY` index without expressions or a predicate
        /// past its first transaction (`pg_stat_progress_create_index` with an `index_relid`):
        /// PROC_IN_SAFE_IC, approximately (the flag is set per transaction).
        public let inSafeIndexBuild: Bool

        public init(
            pid: Int32, database: UInt32?, backendType: String? = "client backend", applicationName: String? = nil,
            state: String? = nil, xmin: UInt32? = nil, transactionStart: Double? = nil,
            inLazyVacuum: Bool = false, inSafeIndexBuild: Bool = false
        ) {
            self.pid = pid
            self.database = database
            self.backendType = backendType
            self.applicationName = applicationName
            self.state = state
            self.xmin = xmin
            self.transactionStart = transactionStart
            self.inLazyVacuum = inLazyVacuum
            self.inSafeIndexBuild = inSafeIndexBuild
        }

        /// An autovacuum worker: PROC_IS_AUTOVACUUM, whether it vacuums, analyzes or
        /// prevents wraparound.
        public var isAutovacuum: Bool { backendType == "autovacuum worker" }
    }

    /// One row of `pg_prepared_xacts` of the database, with the `virtualtransaction` its
    /// locks carry in `pg_locks` (nil when the lock table shows none).
    public struct PreparedTransaction: Sendable, Equatable {
        public let gid: String
        /// `pg_locks.virtualtransaction` of its locks.
        public let virtualTransaction: String?
        /// When it was prepared, in seconds since the Unix epoch.
        public let prepared: Double

        public init(gid: String, virtualTransaction: String?, prepared: Double) {
            self.gid = gid
            self.virtualTransaction = virtualTransaction
            self.prepared = prepared
        }
    }

    /// The OID of the database the statement would run in.
    public let database: UInt32
    public let backends: [Backend]
    public let preparedTransactions: [PreparedTransaction]
    /// `pg_snapshot_xmin(pg_current_snapshot())` as a 32-bit xid: the oldest transaction
    /// running in any database, as the reference snapshot's xmin is computed.
    public let limitXmin: UInt32
    /// The server's clock at the read, in seconds since the Unix epoch.
    public let takenAt: Double

    public init(database: UInt32, backends: [Backend], preparedTransactions: [PreparedTransaction], limitXmin: UInt32, takenAt: Double) {
        self.database = database
        self.backends = backends
        self.preparedTransactions = preparedTransactions
        self.limitXmin = limitXmin
        self.takenAt = takenAt
    }
}
