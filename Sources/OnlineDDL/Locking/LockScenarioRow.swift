/// One lock row of a ``LockScenarioState``, named as in `pg_locks`.
public struct LockScenarioRow: Codable, Sendable, Equatable {
    /// The session holding or awaiting the lock.
    public var session: String
    /// The locked object.
    public var relation: String
    /// The mode, encoded by its `pg_locks` name.
    public var mode: LockMode
    /// `true` for a held lock, `false` for a queued request.
    public var granted: Bool

    /// Creates a row.
    public init(session: String, relation: String, mode: LockMode, granted: Bool) {
        self.session = session
        self.relation = relation
        self.mode = mode
        self.granted = granted
    }

    /// The row of a simulator lock.
    init(_ row: LockRow) {
        self.init(session: row.session, relation: row.object, mode: row.mode, granted: row.granted)
    }
}
