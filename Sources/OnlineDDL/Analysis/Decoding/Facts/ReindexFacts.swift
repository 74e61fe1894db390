import OnlineDDLParsing

/// A `REINDEX INDEX` or `REINDEX TABLE` statement.
public struct ReindexFacts: Hashable, Sendable {
    /// What is rebuilt.
    public let target: ReindexTarget
    /// The index or table.
    public let relation: RelationName
    /// Whether `CONCURRENTLY` was given.
    public let concurrent: Bool

    /// Creates a `REINDEX` description.
    public init(target: ReindexTarget, relation: RelationName, concurrent: Bool) {
        self.target = target
        self.relation = relation
        self.concurrent = concurrent
    }
}
