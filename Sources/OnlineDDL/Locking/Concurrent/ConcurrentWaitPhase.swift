/// A wait of a `CONCURRENTLY` statement after its first transaction, named as
/// `pg_stat_progress_create_index.phase` names it where that view has a row.
public enum ConcurrentWaitPhase: String, Codable, Sendable, CaseIterable {
    /// `WaitForLockersMultiple(tables, ShareLock)` (lmgr.c): the transactions that hold
    /// ROW EXCLUSIVE on the table, prepared ones included. Before validation the list is
    /// taken again: writers still open after the build are waited for a second time, and so
    /// are writers that began during it.
    case writersBeforeBuild = "waiting for writers before build"
    /// `WaitForOlderSnapshots(limitXmin)` (indexcmds.c): the transactions of the same database
    /// whose snapshot is as old as the build's, whatever table they touched.
    case oldSnapshots = "waiting for old snapshots"
    /// `WaitForLockersMultiple(tables, AccessExclusiveLock)` of `REINDEX CONCURRENTLY`, before
    /// marking the old index dead and again before dropping it: readers of the table too.
    case readersBeforeMarkingDead = "waiting for readers before marking dead"
    /// `WaitForLockers(table, AccessExclusiveLock)` of `DROP INDEX CONCURRENTLY` (the table of
    /// the index) and `DETACH PARTITION … CONCURRENTLY` (the partitioned table), which have
    /// no progress row: every transaction holding a lock on the table, readers too.
    case lockersOfTable = "waiting for lockers of the table"

    /// The mode of `WaitForLockers`, nil for the snapshot wait.
    public var waitMode: LockMode? {
        switch self {
        case .writersBeforeBuild: .share
        case .oldSnapshots: nil
        case .readersBeforeMarkingDead, .lockersOfTable: .accessExclusive
        }
    }
}
