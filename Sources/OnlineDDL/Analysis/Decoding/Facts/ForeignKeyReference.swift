import OnlineDDLParsing

/// What a foreign key references.
public struct ForeignKeyReference: Hashable, Sendable {
    /// The referencing columns; empty for an inline `REFERENCES` whose column is implied.
    public let referencingColumns: [String]
    /// The referenced table.
    public let referencedTable: RelationName
    /// The referenced columns; empty when the referenced table's primary key is implied.
    public let referencedColumns: [String]
    /// `ON DELETE` action.
    public let onDelete: ForeignKeyAction
    /// `ON UPDATE` action.
    public let onUpdate: ForeignKeyAction

    /// Creates a foreign-key description.
    public init(
        referencingColumns: [String], referencedTable: RelationName, referencedColumns: [String],
        onDelete: ForeignKeyAction = .noAction, onUpdate: ForeignKeyAction = .noAction
    ) {
        self.referencingColumns = referencingColumns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
        self.onUpdate = onUpdate
    }
}
