import OnlineDDLParsing

/// A `REFRESH MATERIALIZED VIEW` statement.
public struct RefreshMaterializedViewFacts: Hashable, Sendable {
    /// The materialized view.
    public let view: RelationName
    /// Whether `CONCURRENTLY` was written.
    public let concurrent: Bool
    /// Whether the view is filled (`WITH DATA`, the default) rather than emptied.
    public let withData: Bool

    /// Creates a `REFRESH MATERIALIZED VIEW` description.
    public init(view: RelationName, concurrent: Bool, withData: Bool) {
        self.view = view
        self.concurrent = concurrent
        self.withData = withData
    }
}
