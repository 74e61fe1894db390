import OnlineDDLLocking

/// One subcommand of an `ALTER TABLE` statement, with the lock mode and data work that
/// PostgreSQL assigns to it on the analyzed version.
public struct AlterTableSubcommand: Hashable, Sendable {
    /// The subcommand's type, such as ``AlterTableSubcommandKind/addColumn``.
    public let kind: AlterTableSubcommandKind
    /// The column the subcommand acts on, if it is a column subcommand.
    public let column: String?
    /// The constraint, index, trigger, rule, tablespace or access method it names, if any.
    public let objectName: String?
    /// The mode `AlterTableGetLockLevel` assigns to this subcommand alone.
    public let lockMode: LockMode
    /// The work this subcommand does on the table's data.
    public let dataWork: DataWork
    /// Whether the subcommand recurses to descendants when `ONLY` is omitted.
    public let recursesWithoutOnly: Bool
    /// The new column, for `ADD COLUMN`.
    public let newColumn: ColumnDefinition?
    /// The constraint, for `ADD CONSTRAINT` (or `ALTER CONSTRAINT`).
    public let constraint: TableConstraint?
    /// The type change, for `ALTER COLUMN … TYPE`.
    public let typeChange: ColumnTypeChange?
    /// The new default, for `ALTER COLUMN … SET DEFAULT` (`nil` for `DROP DEFAULT`).
    public let newDefault: DefaultExpression?
    /// The partition, for `ATTACH PARTITION` and `DETACH PARTITION`.
    public let partition: PartitionCommand?
    /// The storage parameter names, for `SET (…)` and `RESET (…)`, with any `toast.` prefix.
    public let storageParameters: [String]
    /// Whether `CASCADE` was written.
    public let cascade: Bool
    /// Whether `IF EXISTS` was written.
    public let missingOk: Bool

    /// Creates a subcommand description.
    public init(
        kind: AlterTableSubcommandKind, column: String? = nil, objectName: String? = nil, lockMode: LockMode,
        dataWork: DataWork, recursesWithoutOnly: Bool, newColumn: ColumnDefinition? = nil,
        constraint: TableConstraint? = nil, typeChange: ColumnTypeChange? = nil,
        newDefault: DefaultExpression? = nil, partition: PartitionCommand? = nil,
        storageParameters: [String] = [], cascade: Bool = false, missingOk: Bool = false
    ) {
        self.kind = kind
        self.column = column
        self.objectName = objectName
        self.lockMode = lockMode
        self.dataWork = dataWork
        self.recursesWithoutOnly = recursesWithoutOnly
        self.newColumn = newColumn
        self.constraint = constraint
        self.typeChange = typeChange
        self.newDefault = newDefault
        self.partition = partition
        self.storageParameters = storageParameters
        self.cascade = cascade
        self.missingOk = missingOk
    }
}
