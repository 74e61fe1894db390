/// Relations a statement locks that its text does not name: only the system catalogs know
/// them. Catalog-aware code expands each lookup to zero or more relations.
public enum CatalogLookup: Hashable, Sendable {
    /// The table an index belongs to.
    case tableOfIndex(RelationName)
    /// All inheritance children and partitions, recursively (none for a table without any).
    case descendants(of: RelationName)
    /// The partitioned table, if the relation is a partition.
    case partitionParent(of: RelationName)
    /// The default partition of a partitioned table, if it has one.
    case defaultPartition(of: RelationName)
    /// The table a named constraint references, if the constraint is a foreign key.
    case referencedTableOfConstraint(table: RelationName, constraint: String)
    /// Tables whose foreign keys reference the relation.
    case referencingTables(of: RelationName)
    /// Tables the relation's own foreign keys reference.
    case referencedTables(of: RelationName)
    /// Tables at the other end of foreign keys that use one column, in either direction.
    case foreignKeyPeersOfColumn(table: RelationName, column: String)
    /// Tables at the other end of a partitioned table's foreign keys, in either direction;
    /// the keys are cloned onto a new partition.
    case foreignKeyPeersOfPartitionedTable(RelationName)
    /// The relation's indexes.
    case indexes(of: RelationName)
    /// The relations a view or materialized view reads, if the relation is one.
    case viewBaseRelations(of: RelationName)
    /// The table an extended-statistics object is defined on.
    case tableOfStatistics(name: String)
    /// Sequences owned by the relation's columns (serial and identity columns).
    case ownedSequences(of: RelationName)
    /// Objects that depend on the dropped object and go with it under `CASCADE`.
    case cascadeDependents(of: String)
}
