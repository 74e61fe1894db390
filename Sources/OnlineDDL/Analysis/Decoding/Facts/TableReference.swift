import OnlineDDLParsing

/// A table named in `TRUNCATE` or `LOCK TABLE`, with its `ONLY` flag.
public struct TableReference: Hashable, Sendable {
    /// The table.
    public let relation: RelationName
    /// Whether `ONLY` was omitted, so inheritance children and partitions are included.
    public let includesDescendants: Bool

    /// Creates a table reference.
    public init(relation: RelationName, includesDescendants: Bool) {
        self.relation = relation
        self.includesDescendants = includesDescendants
    }
}
