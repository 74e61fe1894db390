/// A lock a statement requests on a relation: what the gate checks before sending it, what
/// the predictions replay, and one row of `plan`'s `locks` (its JSON keys `relation` and
/// `mode` are that contract).
public struct RelationLock: Codable, Sendable, Equatable {
    /// Schema-qualified when resolved against a database, else as the statement names it.
    public let relation: String
    public let mode: LockMode
    /// The relation's OID when resolved against a database (not part of the JSON).
    public var relationID: UInt32?

    enum CodingKeys: String, CodingKey {
        case relation, mode
    }

    public init(relation: String, mode: LockMode, relationID: UInt32? = nil) {
        self.relation = relation
        self.mode = mode
        self.relationID = relationID
    }

    /// Keeps the first of repeated (relation, mode) pairs, in order.
    public static func distinct(_ locks: [RelationLock]) -> [RelationLock] {
        var kept: [RelationLock] = []
        for lock in locks where !kept.contains(where: { $0.mode == lock.mode && $0.relationKey == lock.relationKey }) {
            kept.append(lock)
        }
        return kept
    }

    /// What identifies the relation: its OID when resolved, else its name.
    private var relationKey: String {
        relationID.map(String.init) ?? relation
    }
}
