/// A table constraint, from `pg_constraint`.
public struct CatalogConstraint: Hashable, Sendable {
    /// The kind of constraint (`contype`).
    public enum Kind: String, Hashable, Sendable {
        case check = "c"
        case foreignKey = "f"
        case primaryKey = "p"
        case unique = "u"
        case exclusion = "x"
        case trigger = "t"
        case notNull = "n"
    }

    /// The constraint's name.
    public let name: String
    /// The table it belongs to.
    public let table: RelationID
    /// What it is.
    public let kind: Kind
    /// The table a foreign key references.
    public let referencedTable: RelationID?
    /// The constrained columns (`conkey`), by name.
    public let columns: [String]
    /// The referenced columns of a foreign key (`confkey`), by name.
    public let referencedColumns: [String]
    /// Whether existing rows are known to satisfy it (`convalidated`).
    public let isValidated: Bool
    /// Whether it is a partition's clone of its partitioned table's constraint (`conparentid`).
    public let isInherited: Bool
    /// For a `CHECK`, the columns its expression proves NOT NULL: those with a top-level
    /// `col IS NOT NULL` conjunct, as `SET NOT NULL` recognizes them.
    public let provesNotNull: Set<String>

    /// Creates a constraint.
    public init(
        name: String, table: RelationID, kind: Kind, referencedTable: RelationID? = nil, columns: [String] = [],
        referencedColumns: [String] = [], isValidated: Bool = true, isInherited: Bool = false,
        provesNotNull: Set<String> = []
    ) {
        self.name = name
        self.table = table
        self.kind = kind
        self.referencedTable = referencedTable
        self.columns = columns
        self.referencedColumns = referencedColumns
        self.isValidated = isValidated
        self.isInherited = isInherited
        self.provesNotNull = provesNotNull
    }
}
