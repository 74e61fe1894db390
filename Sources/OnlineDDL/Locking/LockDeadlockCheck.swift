/// The verdict of ``LockSimulator/checkDeadlock(for:)``, the deadlock detector that
/// PostgreSQL runs in a waiting backend once `deadlock_timeout` has passed
/// (proc.c `CheckDeadLock`, deadlock.c `DeadLockCheck`).
public enum LockDeadlockCheck: Sendable, Equatable {
    /// No waits-for cycle passes through the session (`DS_NO_DEADLOCK`).
    case noDeadlock
    /// A cycle of hard edges only (each session waits for a lock another one holds) passes
    /// through the session. No queue reordering can break it: `DS_HARD_DEADLOCK`, and the
    /// checking session fails with 40P01. The cycle starts at the checking session; each
    /// session waits for the next, and the last for the first.
    case hardDeadlock(cycle: [String])
    /// Every cycle through the session needs at least one soft edge (a wait on a conflicting
    /// request queued ahead). PostgreSQL then tries to reorder the wait queues
    /// (`DS_SOFT_DEADLOCK`, no error) and reports a hard deadlock only if no order works.
    /// That rearrangement is not simulated. The cycle is listed as for `hardDeadlock`.
    case softCycle(cycle: [String])
}
