/// What the runner does while a concurrent index build (`CREATE INDEX CONCURRENTLY`,
/// `REINDEX … CONCURRENTLY`) runs: the statement goes with `lock_timeout = 0`, and this value,
/// fed what the build's backend waits on, decides from outside.
///
/// PostgreSQL's `lock_timeout` ends any lock wait of the statement, and a concurrent build
/// waits for locks in every phase: first in the queue for its table's SHARE UPDATE EXCLUSIVE
/// lock (before anything is built), then, in `WaitForLockersMultiple` and
/// `WaitForOlderSnapshots` (indexcmds.c), for every writer of the table and every older
/// snapshot of the database to end, with `VirtualXactLock` (lock.c), after the build's work
/// is done. A timeout there throws away a whole build and leaves an INVALID index. So the
/// runner bounds only the queue wait, the one that stalls the table's other sessions (wait
/// event `Lock`/`relation`), by cancelling the statement when it has waited the run's
/// lock timeout there; the later waits, which queue nobody, it reports and sits out.
struct ConcurrentBuildWatch {
    /// What the build's backend is doing, from `pg_stat_activity` and
    /// `pg_stat_progress_create_index` on the control session.
    struct Observation: Equatable {
        /// `pg_stat_activity.wait_event_type` and `wait_event`.
        var waitEventType: String?
        var waitEvent: String?
        /// `pg_stat_progress_create_index.phase`; nil before the build reports progress.
        var phase: String?
        /// `pg_blocking_pids` of the backend (0 for a prepared transaction).
        var blockers: [Int32]

        /// A wait in a relation lock's queue: the build holds nothing yet, and every later
        /// conflicting request of other sessions queues behind it.
        var isQueueWait: Bool { waitEventType == "Lock" && waitEvent == "relation" }

        /// A wait for other transactions to end (`virtualxid`, or `transactionid` for a
        /// prepared one), which holds up no other session.
        var isWaitForTransactions: Bool {
            waitEventType == "Lock" && (waitEvent == "virtualxid" || waitEvent == "transactionid")
        }
    }

    /// What to do after an observation.
    enum Action: Equatable {
        /// Nothing: let the statement run.
        case keepWatching
        /// Cancel the statement: it has waited `waited` in a relation lock's queue, the
        /// run's lock timeout.
        case cancelQueueWait(waited: Duration)
        /// Say that the build now waits for other transactions to end.
        case report(phase: String?, blockers: [Int32])
    }

    /// The longest the statement may wait in a relation lock's queue (the run's
    /// `lock_timeout`; zero: no bound, as `lock_timeout = 0` means).
    let queueLimit: Duration
    /// When the current queue wait was first seen, in time since the statement was sent.
    private var queueWaitSince: Duration?
    /// The wait last reported, so each is reported once.
    private var reported: (phase: String?, blockers: [Int32])?

    init(queueLimit: Duration) {
        self.queueLimit = queueLimit
    }

    /// The build's backend was seen doing `observation`, `elapsed` after the statement was
    /// sent.
    mutating func observed(_ observation: Observation, at elapsed: Duration) -> Action {
        guard observation.isQueueWait else {
            queueWaitSince = nil
            guard observation.isWaitForTransactions else { return .keepWatching }
            if let reported, reported.phase == observation.phase, reported.blockers == observation.blockers {
                return .keepWatching
            }
            reported = (observation.phase, observation.blockers)
            return .report(phase: observation.phase, blockers: observation.blockers)
        }
        let since = queueWaitSince ?? elapsed
        queueWaitSince = since
        let waited = elapsed - since
        guard queueLimit > .zero, waited >= queueLimit else { return .keepWatching }
        return .cancelQueueWait(waited: waited)
    }
}
