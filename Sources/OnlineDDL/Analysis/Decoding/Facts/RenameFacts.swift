import OnlineDDLParsing

/// An `ALTER … RENAME` statement (also `ALTER TABLE … RENAME COLUMN/CONSTRAINT`).
public struct RenameFacts: Hashable, Sendable {
    /// The type of the renamed object, such as ``ObjectType/table`` or ``ObjectType/column``.
    public let objectType: ObjectType
    /// The relation renamed, or the one whose column, constraint, trigger, policy or rule is.
    public let relation: RelationName?
    /// The old name of a column, constraint, trigger, policy or rule.
    public let oldName: String?
    /// The new name.
    public let newName: String

    /// Creates a rename description.
    public init(objectType: ObjectType, relation: RelationName?, oldName: String?, newName: String) {
        self.objectType = objectType
        self.relation = relation
        self.oldName = oldName
        self.newName = newName
    }
}
