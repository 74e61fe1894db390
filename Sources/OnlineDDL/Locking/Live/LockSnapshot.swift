/// One consistent read of the server's lock table (`pg_locks`) joined with
/// `pg_stat_activity`, in one query.
///
/// Sessions are identified by `pg_locks.virtualtransaction`, which also covers
/// prepared transactions (they hold locks without a backend pid).
public struct LockSnapshot: Sendable {
    /// One row of `pg_locks` in one of the eight table-level lock modes.
    public struct Lock: Sendable, Equatable {
        public let tag: LockTag
        /// `pg_locks.virtualtransaction`.
        public let session: String
        public let pid: Int32?
        public let mode: LockMode
        public let granted: Bool
        /// `pg_locks.fastpath`: a weak relation lock kept in the backend's fast-path slots.
        public let fastPath: Bool
        /// `pg_locks.waitstart` (PostgreSQL 14+), in seconds since the epoch; nil while held,
        /// on older servers, and for a moment after a wait begins.
        public let waitStart: Double?

        public init(tag: LockTag, session: String, pid: Int32?, mode: LockMode, granted: Bool, fastPath: Bool = false, waitStart: Double?) {
            self.tag = tag
            self.session = session
            self.pid = pid
            self.mode = mode
            self.granted = granted
            self.fastPath = fastPath
            self.waitStart = waitStart
        }
    }

    public let locks: [Lock]
    /// Activity of every backend that appears in `locks`, by pid.
    public let activity: [Int32: SessionActivity]
    /// The server's clock when the snapshot was taken, in seconds since the epoch.
    public let takenAt: Double
    /// `server_version_num` of the server it was read from.
    public let serverVersion: Int
    /// Set when the server is a hot standby (`pg_is_in_recovery()`), nil on a primary.
    public let standby: StandbyRecovery?

    public init(locks: [Lock], activity: [Int32: SessionActivity], takenAt: Double, serverVersion: Int, standby: StandbyRecovery? = nil) {
        self.locks = locks
        self.activity = activity
        self.takenAt = takenAt
        self.serverVersion = serverVersion
        self.standby = standby
    }
}
