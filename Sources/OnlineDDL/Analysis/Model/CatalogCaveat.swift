import OnlineDDLParsing

/// An assumption in an offline analysis that the catalog can overturn. The analysis takes the
/// conservative side; catalog-aware code can check the caveat and relax it.
public enum CatalogCaveat: Hashable, Sendable {
    /// `SET NOT NULL` skips its scan when the column is already NOT NULL, and from
    /// PostgreSQL 12 when a valid `CHECK (col IS NOT NULL)` constraint proves it has no NULLs.
    case notNullScanSkippable(column: String)
    /// `ALTER COLUMN … TYPE` rewrites unless the old type is binary-coercible to the new one
    /// (see ``ColumnTypeChange/requiresRewrite(from:)``); the analysis assumes a rewrite.
    case typeChangeRewriteDependsOnOldType(column: String, newType: SQLTypeName)
    /// A new column of a type that is not built in: a domain with constraints forces a rewrite.
    case domainTypeMayForceRewrite(column: String, type: SQLTypeName)
    /// `ATTACH PARTITION` skips the partition's scan when a valid `CHECK` constraint implies the
    /// partition constraint; the default partition is scanned too unless likewise implied.
    case partitionScanSkippable(partition: RelationName)
    /// A new partition of a table with a default partition makes PostgreSQL scan the default
    /// partition for rows that now belong to the new one.
    case defaultPartitionScanned(of: RelationName)
    /// `ADD PRIMARY KEY USING INDEX` scans for NULLs if any key column is nullable.
    case primaryKeyScansNullableColumns(index: RelationName)
    /// The statement cannot run in a transaction block when the relation is partitioned.
    case notTransactionalIfPartitioned(RelationName)
    /// The lock on this relation is taken only if it already exists (`CREATE OR REPLACE`).
    case lockedOnlyIfExists(RelationName)
    /// The lock or scan applies only if the named constraint is of the kind the reason says.
    case dependsOnConstraintType(table: RelationName, constraint: String)
}
