/// Predicts whom a `CONCURRENTLY` statement would wait for after its first transaction, phase
/// by phase, from a lock table and a ``ConcurrentWaitSnapshot`` read now: what the server's
/// lists would hold if they were taken at this instant (phase 0, the queue for the statement's
/// own relation locks, is ``MigrationLockPredictor``'s).
///
/// The lock phases are exact for the instant (a session that locks the table later is
/// waited for too, but cannot be known); the snapshot phase lists the transactions holding a
/// snapshot now, which are waited for if they still hold one when the build gets there.
public struct ConcurrentWaitPredictor: Sendable {
    public let locks: LockSnapshot
    public let sessions: ConcurrentWaitSnapshot

    public init(locks: LockSnapshot, sessions: ConcurrentWaitSnapshot) {
        self.locks = locks
        self.sessions = sessions
    }

    /// The statement's phases in order, each with the transactions it would wait for; a lock
    /// phase once per table, none for a table the catalog does not have yet.
    public func predict(_ statement: ConcurrentStatement) -> [ConcurrentWait] {
        statement.kind.phases.flatMap { phase -> [ConcurrentWait] in
            guard let mode = phase.waitMode else {
                return [ConcurrentWait(phase: phase, relation: nil, sessions: oldSnapshotHolders())]
            }
            return statement.tables.map { table in
                ConcurrentWait(phase: phase, relation: table.name, sessions: lockers(of: table, conflictingWith: mode))
            }
        }
    }

    /// lock.c `GetLockConflicts`: the transactions holding a lock on `table` that conflicts
    /// with `mode`, prepared ones included, each once with its strongest such lock. Only
    /// modes that coexist with the statement's own SHARE UPDATE EXCLUSIVE count (a stronger
    /// holder stops it in phase 0), and session locks of a backend between transactions
    /// (`virtualtransaction` `n/0`) never do.
    private func lockers(of table: ConcurrentStatement.Table, conflictingWith mode: LockMode) -> [WaitedSession] {
        var order: [String] = []
        var strongest: [String: LockSnapshot.Lock] = [:]
        for lock in locks.locks where lock.granted && lock.tag.type == "relation" && lock.tag.relationID == table.id
            && lock.mode.conflicts(with: mode) && !lock.mode.conflicts(with: .shareUpdateExclusive)
            && !lock.session.hasSuffix("/0") {
            if let held = strongest[lock.session] {
                if lock.mode > held.mode { strongest[lock.session] = lock }
            } else {
                order.append(lock.session)
                strongest[lock.session] = lock
            }
        }
        return order.compactMap { strongest[$0] }.map(waitedSession(holding:))
    }

    private func waitedSession(holding lock: LockSnapshot.Lock) -> WaitedSession {
        if let pid = lock.pid {
            let activity = locks.activity[pid]
            return WaitedSession(
                pid: pid, applicationName: activity?.applicationName, state: activity?.state,
                transactionAgeSeconds: activity?.transactionStart.map { max(0, locks.takenAt - $0) },
                reason: .holdsLock, mode: lock.mode, certainty: .certain)
        }
        let prepared = sessions.preparedTransactions.first { $0.virtualTransaction == lock.session }
        return WaitedSession(
            pid: nil, preparedTransaction: prepared?.gid,
            transactionAgeSeconds: prepared.map { max(0, sessions.takenAt - $0.prepared) },
            reason: .holdsLock, mode: lock.mode, certainty: .certain)
    }

    /// procarray.c `GetCurrentVirtualXIDs(limitXmin, excludeXmin0: true, allDbs: false,
    /// PROC_IS_AUTOVACUUM | PROC_IN_VACUUM | PROC_IN_SAFE_IC)`, as `WaitForOlderSnapshots`
    /// calls it: backends of the same database holding a snapshot whose xmin precedes or
    /// equals `limitXmin`, except autovacuum, lazy VACUUM and safe concurrent index builds.
    /// Prepared transactions never qualify (their PGPROC has no xmin).
    private func oldSnapshotHolders() -> [WaitedSession] {
        sessions.backends.compactMap { backend -> WaitedSession? in
            guard backend.database == sessions.database, !backend.isAutovacuum, !backend.inLazyVacuum,
                  !backend.inSafeIndexBuild, let xmin = backend.xmin,
                  Self.transactionID(xmin, precedesOrEquals: sessions.limitXmin) else { return nil }
            let idle = backend.state?.hasPrefix("idle in transaction") == true
            return WaitedSession(
                pid: backend.pid, applicationName: backend.applicationName, state: backend.state,
                transactionAgeSeconds: backend.transactionStart.map { max(0, sessions.takenAt - $0) },
                reason: idle ? .snapshotIdleInTransaction : .snapshotInStatement,
                certainty: idle ? .certain : .likely)
        }
    }

    /// transam.c `TransactionIdPrecedesOrEquals`: modulo-2³² comparison of normal xids,
    /// plain comparison when either is a permanent one (below 3).
    static func transactionID(_ id1: UInt32, precedesOrEquals id2: UInt32) -> Bool {
        guard id1 >= 3, id2 >= 3 else { return id1 <= id2 }
        return Int32(bitPattern: id1 &- id2) <= 0
    }
}
