import OnlineDDLParsing

/// Relations a statement locks that its text does not name: only the system catalogs know
/// them. Catalog-aware code expands each lookup to zero or more relations.
public indirect enum CatalogLookup: Hashable, Sendable {
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
    /// All partitions, recursively, when the relation is a partitioned table; nothing for an
    /// inheritance parent (`CREATE INDEX`, `ANALYZE` and `VACUUM` recurse only into partitions).
    case partitions(of: RelationName)
    /// The partitions of a partitioned table that hold rows (not themselves partitioned).
    case leafPartitions(of: RelationName)
    /// Inheritance children and partitions, recursively, that are not partitioned.
    case leafDescendants(of: RelationName)
    /// The table of each index another lookup finds.
    case tablesOfEach(CatalogLookup)
    /// The relations that hold rows: the relation itself unless it is partitioned, and when
    /// `includingDescendants`, every inheritance child and partition that is not partitioned.
    case storageRelations(of: RelationName, includingDescendants: Bool)
    /// The indexes of each relation another lookup finds.
    case indexesOfEach(CatalogLookup)
    /// The indexes that have the column as a plain key column (expression and predicate uses are
    /// not read).
    case indexesOnColumn(table: RelationName, column: String)
    /// The sequence of an identity or serial column (owned by the column).
    case sequenceOfColumn(table: RelationName, column: String)
    /// Sequences that the defaults of the columns an `INSERT` leaves out call: all columns but
    /// `suppliedColumns` when they are named, else all but the first `suppliedCount`.
    case defaultSequences(of: RelationName, suppliedColumns: [String], suppliedCount: Int)
    /// Tables referenced by the relation's foreign keys that use any of the columns (a write
    /// that sets none of a key's columns does not check it).
    case referencedTablesOfColumns(table: RelationName, columns: [String])
    /// Tables whose foreign keys reference any of the relation's columns.
    case referencingTablesOfColumns(table: RelationName, columns: [String])
    /// The referenced tables of the relation's own foreign keys, not of those inherited from a
    /// partitioned table: the tables that hold their action triggers.
    case referencedTablesOfOwnForeignKeys(of: RelationName)
    /// The default partition of the partitioned table the relation is a partition of.
    case defaultPartitionOfParent(of: RelationName)
}
