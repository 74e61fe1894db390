/// A constraint written in `ADD CONSTRAINT`, `CREATE TABLE`, or inline on a column.
public struct TableConstraint: Hashable, Sendable {
    /// The kind of constraint.
    public let kind: ConstraintKind
    /// The name given with `CONSTRAINT name`, if any.
    public let name: String?
    /// Whether `NOT VALID` was written (the existing rows are not checked).
    public let notValid: Bool
    /// Whether `NOT ENFORCED` was written (PostgreSQL 18): the constraint is recorded but
    /// never checked, so a foreign key gets no triggers.
    public let notEnforced: Bool
    /// The index named by `USING INDEX`, if any.
    public let usingIndex: String?
    /// The key columns (for `PRIMARY KEY`, `UNIQUE`) or referencing columns (foreign key).
    public let columns: [String]
    /// The reference, for a foreign key.
    public let foreignKey: ForeignKeyReference?
    /// For a `CHECK`, the columns its expression tests with `IS NOT NULL`, alone or as a term
    /// of a top-level `AND`: a valid such constraint lets PostgreSQL 12+ skip the scan of
    /// `SET NOT NULL` on them. Any other form proves nothing (a `CHECK` passes on NULL).
    public let notNullColumns: [String]

    /// Creates a constraint description.
    public init(
        kind: ConstraintKind, name: String? = nil, notValid: Bool = false, notEnforced: Bool = false, usingIndex: String? = nil,
        columns: [String] = [], foreignKey: ForeignKeyReference? = nil, notNullColumns: [String] = []
    ) {
        self.kind = kind
        self.name = name
        self.notValid = notValid
        self.notEnforced = notEnforced
        self.usingIndex = usingIndex
        self.columns = columns
        self.foreignKey = foreignKey
        self.notNullColumns = notNullColumns
    }
}
