/// The result of a lock request made with session and object names.
public enum LockOutcome: Sendable, Equatable {
    /// The session now holds the mode (or already held it).
    case granted
    /// The session sleeps in the object's wait queue.
    ///
    /// `hardBlockers` hold a conflicting mode; `softBlockers` are waiters ahead in the queue
    /// whose requested mode conflicts, as `pg_blocking_pids()` reports them. A session is
    /// listed once, as hard if it is both.
    case waiting(hardBlockers: [String], softBlockers: [String])
    /// The insertion rule found a deadlock at once: ERROR 40P01. Lock state is unchanged.
    case deadlock
    /// A NOWAIT request could not be granted at once: ERROR 55P03. Lock state is unchanged.
    case notAvailable
}
