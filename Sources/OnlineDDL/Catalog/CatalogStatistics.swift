import OnlineDDLParsing

/// An extended-statistics object (`pg_statistic_ext`).
public struct CatalogStatistics: Hashable, Sendable {
    /// Its schema-qualified name.
    public let name: RelationName
    /// The table it is defined on.
    public let table: RelationID

    /// Creates a statistics object.
    public init(name: RelationName, table: RelationID) {
        self.name = name
        self.table = table
    }
}
