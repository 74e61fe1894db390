import OnlineDDLParsing

/// One relation as the catalog describes it: name, kind, size, and its links to other
/// relations that statements lock along with it.
public struct CatalogRelation: Hashable, Sendable, CustomStringConvertible {
    /// Its OID.
    public let id: RelationID
    /// Its schema-qualified name.
    public let name: RelationName
    /// What it is.
    public let kind: CatalogRelationKind
    /// Its size when the catalog was read.
    public let size: RelationSize
    /// Inheritance parents in `inhseqno` order; for a partition, its partitioned table.
    public let parents: [RelationID]
    /// Whether it is a partition (`relispartition`).
    public let isPartition: Bool
    /// For a partitioned table, its default partition.
    public let defaultPartition: RelationID?
    /// For an index, the table (or materialized view) it indexes.
    public let indexedTable: RelationID?
    /// For an index, the columns of its keys; `nil` for an expression key.
    public let indexKeyColumns: [String?]
    /// For a sequence owned by a column (`serial`, identity or `OWNED BY`), the owning table.
    public let owningTable: RelationID?
    /// For a sequence owned by a column, that column's name.
    public let owningColumn: String?
    /// Its columns in order (tables, views, materialized views, foreign tables).
    public let columns: [CatalogColumn]

    /// Creates a relation.
    public init(
        id: RelationID, name: RelationName, kind: CatalogRelationKind, size: RelationSize = .empty,
        parents: [RelationID] = [], isPartition: Bool = false, defaultPartition: RelationID? = nil,
        indexedTable: RelationID? = nil, indexKeyColumns: [String?] = [], owningTable: RelationID? = nil,
        owningColumn: String? = nil, columns: [CatalogColumn] = []
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.size = size
        self.parents = parents
        self.isPartition = isPartition
        self.defaultPartition = defaultPartition
        self.indexedTable = indexedTable
        self.indexKeyColumns = indexKeyColumns
        self.owningTable = owningTable
        self.owningColumn = owningColumn
        self.columns = columns
    }

    /// The column with this name, if any.
    public func column(named name: String) -> CatalogColumn? {
        columns.first { $0.name == name }
    }

    /// `"schema.name"`.
    public var description: String { name.description }
}
