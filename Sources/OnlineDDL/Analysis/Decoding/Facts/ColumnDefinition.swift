/// A column definition in `ADD COLUMN` or `CREATE TABLE`.
public struct ColumnDefinition: Hashable, Sendable {
    /// The column's name.
    public let name: String
    /// The column's declared type.
    public let type: SQLTypeName
    /// The `DEFAULT` expression, if any.
    public let defaultExpression: DefaultExpression?
    /// Whether `NOT NULL` (or `PRIMARY KEY`) is declared.
    public let isNotNull: Bool
    /// Whether it is an identity column (`GENERATED … AS IDENTITY`).
    public let isIdentity: Bool
    /// Whether it is a stored generated column (`GENERATED ALWAYS AS (…) STORED`).
    public let isGeneratedStored: Bool
    /// Whether it is a virtual generated column (`GENERATED ALWAYS AS (…) VIRTUAL`, or
    /// without `STORED`: PostgreSQL 18), computed when read.
    public let isGeneratedVirtual: Bool
    /// Inline `CHECK`, `REFERENCES`, `UNIQUE` and `PRIMARY KEY` constraints.
    public let constraints: [TableConstraint]

    /// Creates a column description.
    public init(
        name: String, type: SQLTypeName, defaultExpression: DefaultExpression?, isNotNull: Bool,
        isIdentity: Bool, isGeneratedStored: Bool, isGeneratedVirtual: Bool = false, constraints: [TableConstraint]
    ) {
        self.name = name
        self.type = type
        self.defaultExpression = defaultExpression
        self.isNotNull = isNotNull
        self.isIdentity = isIdentity
        self.isGeneratedStored = isGeneratedStored
        self.isGeneratedVirtual = isGeneratedVirtual
        self.constraints = constraints
    }
}
