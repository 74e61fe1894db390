
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
}
