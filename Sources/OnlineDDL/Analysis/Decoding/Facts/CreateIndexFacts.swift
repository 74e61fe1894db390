import OnlineDDLParsing

/// A `CREATE INDEX` statement.
public struct CreateIndexFacts: Hashable, Sendable {
    /// The indexed table.
    public let table: RelationName
    /// The new index's name, or `nil` when PostgreSQL chooses one.
    public let indexName: String?
    /// Whether `UNIQUE` was written.
    public let isUnique: Bool
    /// Whether `CONCURRENTLY` was written.
    public let isConcurrent: Bool
    /// Whether `ONLY` was omitted, so an index on a partitioned table is built on every
    /// partition too.
    public let recursesToPartitions: Bool
    /// Whether `IF NOT EXISTS` was written.
    public let ifNotExists: Bool
    /// Whether the index has a `WHERE` clause.
    public let isPartial: Bool
    /// The plain column keys, in order (expression keys are not listed).
    public let columns: [String]
    /// The plain column keys before the first expression key: the columns a lookup can use
    /// from the start of the index.
    public let leadingColumns: [String]
    /// Whether any key is an expression.
    public let hasExpressionKeys: Bool
    /// The access method, such as `"btree"` or `"gin"`.
    public let accessMethod: String

    /// Creates a `CREATE INDEX` description.
    public init(
        table: RelationName, indexName: String?, isUnique: Bool, isConcurrent: Bool,
        recursesToPartitions: Bool, ifNotExists: Bool, isPartial: Bool, columns: [String],
        leadingColumns: [String], hasExpressionKeys: Bool, accessMethod: String
    ) {
        self.table = table
        self.indexName = indexName
        self.isUnique = isUnique
        self.isConcurrent = isConcurrent
        self.recursesToPartitions = recursesToPartitions
        self.ifNotExists = ifNotExists
        self.isPartial = isPartial
        self.columns = columns
        self.leadingColumns = leadingColumns
        self.hasExpressionKeys = hasExpressionKeys
        self.accessMethod = accessMethod
    }
}
