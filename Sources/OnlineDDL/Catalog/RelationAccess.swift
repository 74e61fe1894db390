import OnlineDDLLocking

/// Which user relations a catalog read may open. `pg_total_relation_size` takes
/// AccessShareLock on a relation, its TOAST table and every index of both
/// (dbsize.c `calculate_total_relation_size`), and `pg_get_constraintdef` of a `CHECK`
/// takes it on the constrained table (ruleutils.c); PostgreSQL queues that request behind
/// a session that holds the relation in ACCESS EXCLUSIVE mode and equally behind one
/// waiting for that mode (lock.c `LockAcquireExtended` checks the lock's `waitMask` before
/// its holders). A read that never opens such a relation never queues behind anyone.
public enum RelationAccess: Sendable, Equatable {
    /// Open any relation: the caller does not avoid other sessions' locks.
    case unrestricted
    /// Open any relation but these: the ones another session holds or awaits in a mode
    /// that conflicts with AccessShareLock.
    case avoiding(Set<RelationID>)
    /// Open no user relation: only the system catalogs are read.
    case catalogOnly

    /// Avoids every relation that a session in `snapshot` holds or awaits in a mode that
    /// conflicts with AccessShareLock (ACCESS EXCLUSIVE). The snapshot leaves out the
    /// reading session itself, whose own locks never make it wait.
    public init(avoidingLocksIn snapshot: LockSnapshot) {
        self = .avoiding(Set(snapshot.locks.compactMap { lock in
            guard lock.tag.type == "relation", LockMode.accessShare.conflicts(with: lock.mode) else { return nil }
            return lock.tag.relationID.map(RelationID.init)
        }))
    }

    /// Whether the read may take AccessShareLock on all of `relations` without queueing.
    public func mayOpen(_ relations: some Sequence<RelationID>) -> Bool {
        switch self {
        case .unrestricted: true
        case .avoiding(let locked): relations.allSatisfy { !locked.contains($0) }
        case .catalogOnly: false
        }
    }
}
