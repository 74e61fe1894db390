import OnlineDDLParsing

/// A `CLUSTER` statement.
public struct ClusterFacts: Hashable, Sendable {
    /// The table, or `nil` for `CLUSTER` of every previously clustered table.
    public let table: RelationName?
    /// The index given with `USING`, if any.
    public let index: RelationName?

    /// Creates a `CLUSTER` description.
    public init(table: RelationName?, index: RelationName?) {
        self.table = table
        self.index = index
    }
}
