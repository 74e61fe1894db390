/// What the lock manager does with a new request on one object.
enum AcquireDecision: Sendable, Equatable {
    /// Grant at once (no conflict, or the queue-jump special case).
    case grant
    /// Sleep in the wait queue, inserted at this position.
    case wait(queuePosition: Int)
    /// Early deadlock found by the insertion rule (40P01).
    case deadlock
    /// A NOWAIT request that would have to sleep (55P03).
    case notAvailable
}
