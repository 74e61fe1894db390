/// An `ALTER COLUMN … [SET DATA] TYPE` subcommand.
public struct ColumnTypeChange: Hashable, Sendable {
    /// The column whose type changes.
    public let column: String
    /// The new type.
    public let newType: SQLTypeName
    /// Whether a `USING` expression was written.
    public let hasUsingExpression: Bool

    /// Creates a type-change description.
    public init(column: String, newType: SQLTypeName, hasUsingExpression: Bool) {
        self.column = column
        self.newType = newType
        self.hasUsingExpression = hasUsingExpression
    }

    /// Whether PostgreSQL rewrites the table to change a column of type `oldType` to
    /// ``newType``. A `USING` expression is assumed to rewrite; otherwise the change is free
    /// only if ``BinaryCoercibleTypeChanges`` lists it.
    public func requiresRewrite(from oldType: SQLTypeName) -> Bool {
        hasUsingExpression || !BinaryCoercibleTypeChanges.isFree(from: oldType, to: newType)
    }
}
