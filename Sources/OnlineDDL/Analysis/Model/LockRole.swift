/// Why a statement locks a relation: its part in the statement.
public enum LockRole: String, Hashable, Sendable {
    /// The table (or other relation) the statement changes or acts on.
    case target
    /// A relation the statement only reads, such as a table in a query's `FROM`.
    case source
    /// The table at the other end of a foreign key.
    case referencedTable
    /// A table whose foreign keys point at the statement's table.
    case referencingTable
    /// An index.
    case index
    /// An inheritance parent or the partitioned table of a partition.
    case parent
    /// Inheritance children or partitions reached by recursion.
    case descendant
    /// The partition that is attached or detached.
    case partition
    /// The default partition of a partitioned table.
    case defaultPartition
    /// A view.
    case view
    /// A materialized view.
    case materializedView
    /// A sequence.
    case sequence
    /// Objects that depend on a dropped object and are dropped with it (`CASCADE`).
    case dependent
}
