import OnlineDDLLocking

/// A lock on relations that only the catalog can name, such as the table of an index in
/// `DROP INDEX`, or the default partition in `ATTACH PARTITION`.
public struct CatalogLockRequest: Hashable, Sendable, CustomStringConvertible {
    /// How to find the relations.
    public let lookup: CatalogLookup
    /// The mode requested on each of them.
    public let mode: LockMode
    /// Their part in the statement.
    public let role: LockRole
    /// A short human explanation.
    public let reason: String
    /// Which of the statement's own transactions takes the lock, counting from 1.
    public let transaction: Int
    /// How long the lock is held.
    public let duration: LockHoldDuration
    /// The caveat this lock depends on, such as the rewrite of a type change that may be
    /// binary-coercible. `nil` for an unconditional lock.
    public let condition: LockCondition?

    /// Creates a catalog-dependent lock request.
    public init(
        lookup: CatalogLookup, mode: LockMode, role: LockRole, reason: String,
        transaction: Int = 1, duration: LockHoldDuration = .transaction, condition: LockCondition? = nil
    ) {
        self.lookup = lookup
        self.mode = mode
        self.role = role
        self.reason = reason
        self.transaction = transaction
        self.duration = duration
        self.condition = condition
    }

    /// `"tableOfIndex(i) ShareLock"`.
    public var description: String { "\(lookup) \(mode.pgLocksName)" }
}
