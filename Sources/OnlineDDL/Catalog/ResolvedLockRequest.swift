import OnlineDDLAnalysis
import OnlineDDLLocking

/// One lock of a statement on a concrete relation of the catalog.
public struct ResolvedLockRequest: Hashable, Sendable, CustomStringConvertible {
    /// The relation locked, with its kind and size.
    public let relation: CatalogRelation
    /// The mode requested.
    public let mode: LockMode
    /// The relation's part in the statement.
    public let role: LockRole
    /// A short human explanation.
    public let reason: String
    /// Which of the statement's own transactions takes the lock, counting from 1.
    public let transaction: Int
    /// How long the lock is held.
    public let duration: LockHoldDuration
    /// Whether the request fails at once instead of waiting (`LOCK … NOWAIT`).
    public let noWait: Bool

    /// Creates a resolved lock request.
    public init(
        relation: CatalogRelation, mode: LockMode, role: LockRole, reason: String,
        transaction: Int = 1, duration: LockHoldDuration = .transaction, noWait: Bool = false
    ) {
        self.relation = relation
        self.mode = mode
        self.role = role
        self.reason = reason
        self.transaction = transaction
        self.duration = duration
        self.noWait = noWait
    }

    /// `"public.t AccessExclusiveLock"`.
    public var description: String { "\(relation.name) \(mode.pgLocksName)" }
}
