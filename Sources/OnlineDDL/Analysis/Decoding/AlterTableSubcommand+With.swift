extension AlterTableSubcommand {
    /// A copy with the given fields replaced; `nil` keeps the current value.
    func with(
        column: String? = nil, dataWork: DataWork? = nil, newColumn: ColumnDefinition? = nil,
        constraint: TableConstraint? = nil, typeChange: ColumnTypeChange? = nil,
        newDefault: DefaultExpression? = nil, partition: PartitionCommand? = nil
    ) -> AlterTableSubcommand {
        AlterTableSubcommand(
            kind: kind, column: column ?? self.column, objectName: objectName, lockMode: lockMode,
            dataWork: dataWork ?? self.dataWork, recursesWithoutOnly: recursesWithoutOnly,
            newColumn: newColumn ?? self.newColumn, constraint: constraint ?? self.constraint,
            typeChange: typeChange ?? self.typeChange, newDefault: newDefault ?? self.newDefault,
            partition: partition ?? self.partition, storageParameters: storageParameters,
            cascade: cascade, missingOk: missingOk)
    }
}
