import OnlineDDLAnalysis

/// One column of a relation, from `pg_attribute`.
public struct CatalogColumn: Hashable, Sendable {
    /// `attnum`, counting from 1.
    public let number: Int
    /// The column's name.
    public let name: String
    /// The column's type as `format_type` spells it and the grammar reads it, such as
    /// `pg_catalog.varchar(20)`.
    public let type: SQLTypeName
    /// Whether the column is marked `NOT NULL`.
    public let isNotNull: Bool
    /// The sequence its default calls `nextval()` on (`serial`, identity, or a written
    /// `DEFAULT nextval(…)`), if any.
    public let defaultSequence: RelationID?

    /// Creates a column.
    public init(number: Int, name: String, type: SQLTypeName, isNotNull: Bool, defaultSequence: RelationID? = nil) {
        self.number = number
        self.name = name
        self.type = type
        self.isNotNull = isNotNull
        self.defaultSequence = defaultSequence
    }
}
