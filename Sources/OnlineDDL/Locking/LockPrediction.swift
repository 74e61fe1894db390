/// What a lock request would do to the current lock table, from
/// ``LockSimulator/predict(session:object:mode:noWait:)``.
public struct LockPrediction: Sendable, Equatable {
    /// What the request would return now.
    public let outcome: LockOutcome
    /// Current waiters on the object that would be stuck behind the request: those queued
    /// after it whose requested mode conflicts with it (all conflicting waiters if it is
    /// granted, since it then holds the mode). In queue order.
    public let stuckWaiters: [String]
    /// Modes in which a new request on the object, from a session holding nothing there,
    /// would be blocked once this request is granted or queued, but is not blocked now.
    public let newlyBlockedModes: LockModeSet

    /// Creates a prediction.
    public init(outcome: LockOutcome, stuckWaiters: [String], newlyBlockedModes: LockModeSet) {
        self.outcome = outcome
        self.stuckWaiters = stuckWaiters
        self.newlyBlockedModes = newlyBlockedModes
    }

    /// Whether the request would be granted at once.
    public var isGrantedNow: Bool { outcome == .granted }
}
