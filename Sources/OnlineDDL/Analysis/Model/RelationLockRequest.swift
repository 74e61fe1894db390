import OnlineDDLLocking
import OnlineDDLParsing

/// One table-level lock a statement takes on a relation it names.
public struct RelationLockRequest: Hashable, Sendable, CustomStringConvertible {
    /// The relation locked.
    public let relation: RelationName
    /// The mode requested.
    public let mode: LockMode
    /// The relation's part in the statement.
    public let role: LockRole
    /// A short human explanation, such as `"ALTER TABLE … ADD COLUMN"`.
    public let reason: String
    /// Which of the statement's own transactions takes the lock, counting from 1. Only
    /// statements that commit internally (`CREATE INDEX CONCURRENTLY`, `VACUUM`,
    /// `DETACH PARTITION … CONCURRENTLY`, …) use more than one.
    public let transaction: Int
    /// How long the lock is held.
    public let duration: LockHoldDuration
    /// Whether the request fails at once instead of waiting (`LOCK … NOWAIT`).
    public let noWait: Bool
    /// The caveat this lock depends on, such as the rewrite of a type change that may be
    /// binary-coercible. `nil` for an unconditional lock.
    public let condition: LockCondition?

    /// Creates a lock request.
    public init(
        relation: RelationName, mode: LockMode, role: LockRole, reason: String,
        transaction: Int = 1, duration: LockHoldDuration = .transaction, noWait: Bool = false, condition: LockCondition? = nil
    ) {
        self.relation = relation
        self.mode = mode
        self.role = role
        self.reason = reason
        self.transaction = transaction
        self.duration = duration
        self.noWait = noWait
        self.condition = condition
    }

    /// `"t AccessExclusiveLock"`.
    public var description: String { "\(relation) \(mode.pgLocksName)" }
}
