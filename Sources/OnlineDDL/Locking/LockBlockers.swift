/// The sessions a waiting lock request waits for, computed as `pg_blocking_pids()` does.
public struct LockBlockers: Sendable, Equatable {
    /// Sessions holding a mode that conflicts with the request, in first-seen order.
    public let hard: [String]
    /// Waiters ahead in the queue whose requested mode conflicts, in queue order,
    /// excluding those already listed as hard blockers.
    public let soft: [String]

    /// Creates a blocker list.
    public init(hard: [String], soft: [String]) {
        self.hard = hard
        self.soft = soft
    }
}
