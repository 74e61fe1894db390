import OnlineDDLParsing

/// A `CREATE TABLE` (or `CREATE FOREIGN TABLE`) statement.
public struct CreateTableFacts: Hashable, Sendable {
    /// The new table.
    public let table: RelationName
    /// The columns defined in the statement.
    public let columns: [ColumnDefinition]
    /// Table-level constraints.
    public let constraints: [TableConstraint]
    /// The partitioned table, for `PARTITION OF`.
    public let partitionOf: RelationName?
    /// The parents, for `INHERITS`.
    public let inherits: [RelationName]
    /// The tables copied by `LIKE`.
    public let likeSources: [RelationName]
    /// Whether the new table is itself partitioned (`PARTITION BY`).
    public let isPartitioned: Bool
    /// Whether `IF NOT EXISTS` was written.
    public let ifNotExists: Bool
    /// Every foreign key, table-level and inline, in the order written (the order in which
    /// PostgreSQL adds them and locks their referenced tables).
    public let foreignKeys: [ForeignKeyReference]

    /// Creates a `CREATE TABLE` description.
    public init(
        table: RelationName, columns: [ColumnDefinition], constraints: [TableConstraint],
        partitionOf: RelationName?, inherits: [RelationName], likeSources: [RelationName],
        isPartitioned: Bool, ifNotExists: Bool, foreignKeys: [ForeignKeyReference]
    ) {
        self.table = table
        self.columns = columns
        self.constraints = constraints
        self.partitionOf = partitionOf
        self.inherits = inherits
        self.likeSources = likeSources
        self.isPartitioned = isPartitioned
        self.ifNotExists = ifNotExists
        self.foreignKeys = foreignKeys
    }
}
