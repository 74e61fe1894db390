extension LockSnapshot {
    /// Whether no session but `own` (and the reading session, which the snapshot leaves
    /// out) holds or awaits a lock on any relation of the database or on a shared catalog.
    /// Then no relation lock request can wait at that instant, whatever relation it names:
    /// PostgreSQL makes a request wait only for a conflicting holder or an earlier
    /// conflicting waiter on the same lock (lock.c `LockAcquireExtended`, `LockCheckConflicts`),
    /// never for the requesting backend itself. Every other session counts: autovacuum
    /// workers, prepared transactions (no pid), `idle in transaction` sessions. Locks that
    /// are not on relations (a transaction's own `virtualxid` and `transactionid`, advisory
    /// locks) are not what the gate predicts and do not count.
    public func isQuiet(ignoring own: Set<Int32>) -> Bool {
        locks.allSatisfy { lock in
            lock.tag.type != "relation" || lock.pid.map(own.contains) == true
        }
    }
}
