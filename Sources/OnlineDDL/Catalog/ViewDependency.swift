/// A view or materialized view's query reads a relation (or one of its columns), from the
/// `pg_depend` entries of its `_RETURN` rule.
public struct ViewDependency: Hashable, Sendable {
    /// The view or materialized view.
    public let view: RelationID
    /// The relation its query reads.
    public let relation: RelationID
    /// The column read, or `nil` for the relation as a whole.
    public let column: String?

    /// Creates a dependency.
    public init(view: RelationID, relation: RelationID, column: String? = nil) {
        self.view = view
        self.relation = relation
        self.column = column
    }
}
