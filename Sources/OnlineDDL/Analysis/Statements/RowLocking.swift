import OnlineDDLParsing

/// The `FOR UPDATE`/`FOR SHARE` clauses of one query level, as the parser's
/// `isLockedRefname` reads them: a clause without `OF` locks every table of the level, and a
/// subquery in `FROM` that is locked from its parent locks all of its own tables.
struct RowLocking {
    private let lockAll: Bool
    private let lockedNames: Set<String>

    /// No row locking.
    static let none = RowLocking(lockAll: false, lockedNames: [])

    private init(lockAll: Bool, lockedNames: Set<String>) {
        self.lockAll = lockAll
        self.lockedNames = lockedNames
    }

    /// Reads a `lockingClause` list.
    init(clauses: ParseNode?, lockedFromParent: Bool) {
        let bodies = (clauses?.elements ?? []).compactMap { $0.typed("LockingClause") }
        let named = bodies.flatMap { $0["lockedRels"]?.elements ?? [] }
            .compactMap { $0.typed("RangeVar")?["relname"]?.stringValue }
        self.init(
            lockAll: lockedFromParent || bodies.contains { ($0["lockedRels"]?.elements ?? []).isEmpty },
            lockedNames: Set(named))
    }

    /// Whether the table or subquery known by `refname` at this level is row-locked.
    func locks(_ refname: String) -> Bool {
        lockAll || lockedNames.contains(refname)
    }
}
