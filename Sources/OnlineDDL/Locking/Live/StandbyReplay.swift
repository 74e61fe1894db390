/// What a snapshot read on a hot standby (`pg_is_in_recovery()`) says about WAL replay's
/// conflict handling.
public struct StandbyRecovery: Sendable, Equatable {
    /// `max_standby_streaming_delay`: how long the startup process waits for standby
    /// sessions that hold a lock it must replay before it cancels them.
    public enum StreamingDelay: Sendable, Equatable {
        /// `-1`: replay waits for the holders to end, however long.
        case forever
        /// Cancels the holders this many seconds after the last WAL receipt (0: at once).
        case seconds(Double)

        /// The setting as `pg_settings.setting` reports it, in milliseconds (`-1` for
        /// forever).
        public init(milliseconds: Double) {
            self = milliseconds < 0 ? .forever : .seconds(milliseconds / 1000)
        }
    }

    public let maxStandbyStreamingDelay: StreamingDelay

    /// Creates the state from the standby's setting.
    public init(maxStandbyStreamingDelay: StreamingDelay) {
        self.maxStandbyStreamingDelay = maxStandbyStreamingDelay
    }
}

/// The standby's startup process waiting for a lock it replays from the primary's WAL
/// (always an AccessExclusiveLock on a relation): every later reader of that relation
/// queues behind it, and all replay stops until it is granted.
///
/// `pg_blocking_pids()` of the startup process is always empty (it is an auxiliary
/// process, not in the ProcArray that `GetBlockerStatusData()` scans), so whom it waits for
/// comes from the replayed lock table's conflict rules, like every other waiter's.
public struct ReplayStall: Sendable, Equatable {
    /// The startup process's `pg_locks.virtualtransaction`.
    public let session: String
    public let pid: Int32?
    public let tag: LockTag
    public let mode: LockMode
    /// Seconds since `pg_locks.waitstart` (written by `ResolveRecoveryConflictWithLock()`),
    /// nil while the server has not set it yet.
    public let waitingSeconds: Double?
    /// Sessions holding a conflicting lock: those `max_standby_streaming_delay` cancels.
    public let holders: [String]
    /// Sessions queued ahead of it with a conflicting request.
    public let queuedBehind: [String]
    /// Waiting requests that wait for the startup process (hard or soft): the stalled readers.
    public let stalledReaders: [String]
}

extension SessionActivity {
    /// Whether the backend is a standby's startup process, which replays WAL (and the
    /// primary's AccessExclusiveLocks with it).
    public var isStartupProcess: Bool {
        backendType == "startup"
    }
}

extension LiveLockTable {
    /// The session (`virtualtransaction`) of the standby's startup process, when it holds
    /// or awaits a lock in the snapshot.
    public var startupProcessSession: String? {
        snapshot.locks.first { lock in lock.pid.flatMap { snapshot.activity[$0] }?.isStartupProcess == true }?.session
    }

    /// Whether `session` is the standby's startup process.
    public func isStartupProcess(_ session: String) -> Bool {
        pid(of: session).flatMap { snapshot.activity[$0] }?.isStartupProcess == true
    }

    /// Seconds a session's waiting request has waited, from `pg_locks.waitstart`.
    public func waitingSeconds(of session: String) -> Double? {
        snapshot.locks.first { $0.session == session && !$0.granted }?.waitStart.map { max(0, snapshot.takenAt - $0) }
    }

    /// The startup process's wait, when replay is stalled on a lock.
    public var replayStall: ReplayStall? {
        guard let startup = startupProcessSession,
              let request = snapshot.locks.first(where: { $0.session == startup && !$0.granted }),
              let blockers = simulator.blockers(of: startup) else { return nil }
        let stalled = queues(includeIdle: false).flatMap(\.waiters).filter { waiter in
            waiter.session != startup && (waiter.hardBlockers + waiter.softBlockers).contains(startup)
        }
        return ReplayStall(
            session: startup, pid: pid(of: startup), tag: request.tag, mode: request.mode,
            waitingSeconds: waitingSeconds(of: startup), holders: blockers.hard, queuedBehind: blockers.soft,
            stalledReaders: stalled.map(\.session))
    }
}
