/// The identity of one lockable object as `pg_locks` describes it: a relation, a
/// transaction ID, a tuple, an advisory lock, and so on.
public struct LockTag: Hashable, Sendable, Codable, CustomStringConvertible {
    /// `pg_locks.locktype`: `relation`, `transactionid`, `virtualxid`, `tuple`, `advisory`, …
    public let type: String
    /// A key that is unique among the objects of one snapshot.
    public let key: String
    /// For relations, the schema-qualified name when the relation still exists.
    public let relationName: String?
    /// For relations, `pg_locks.relation` (the relation's OID).
    public let relationID: UInt32?

    public init(type: String, key: String, relationName: String? = nil, relationID: UInt32? = nil) {
        self.type = type
        self.key = key
        self.relationName = relationName
        self.relationID = relationID
    }

    /// The relation's name for relations, else the lock type and key.
    public var description: String {
        relationName ?? "\(type) \(key)"
    }
}
