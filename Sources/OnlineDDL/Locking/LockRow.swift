/// One row of the simulated lock table, like one row of `pg_locks`.
public struct LockRow: Codable, Sendable, Equatable {
    /// The session holding or awaiting the lock.
    public let session: String
    /// The locked object.
    public let object: String
    /// The held or requested mode.
    public let mode: LockMode
    /// `true` for a held lock, `false` for a queued request.
    public let granted: Bool

    /// In `simulate`'s JSON the object is written `relation`.
    enum CodingKeys: String, CodingKey {
        case session, mode, granted
        case object = "relation"
    }

    /// Creates a row.
    public init(session: String, object: String, mode: LockMode, granted: Bool) {
        self.session = session
        self.object = object
        self.mode = mode
        self.granted = granted
    }
}
