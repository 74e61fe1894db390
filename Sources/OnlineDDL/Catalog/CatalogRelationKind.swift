/// What a relation is, from `pg_class.relkind`.
public enum CatalogRelationKind: String, Hashable, Sendable {
    /// An ordinary table (a partition is one too).
    case table = "r"
    /// A partitioned table: it holds no rows itself.
    case partitionedTable = "p"
    /// A view.
    case view = "v"
    /// A materialized view.
    case materializedView = "m"
    /// A sequence.
    case sequence = "S"
    /// An index.
    case index = "i"
    /// The index of a partitioned table: each partition has its own.
    case partitionedIndex = "I"
    /// A foreign table.
    case foreignTable = "f"
    /// A TOAST table.
    case toastTable = "t"
    /// A composite type's row relation.
    case compositeType = "c"

    /// Whether the relation is a table of some kind (plain, partitioned or foreign).
    public var isTable: Bool { self == .table || self == .partitionedTable || self == .foreignTable }
}
