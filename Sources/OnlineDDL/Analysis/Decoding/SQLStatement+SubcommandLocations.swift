import OnlineDDLParsing

extension SQLStatement {
    /// The script offset of the constraint that `ALTER TABLE` subcommand number `index`
    /// adds (`CONSTRAINT name` or the constraint keyword), from its parse tree.
    package func addedConstraintLocation(subcommand index: Int) -> Int? {
        subcommand(index)?["def"]?.typed("Constraint")?["location"]?.intValue
    }

    /// For the column that `ALTER TABLE` subcommand number `index` adds: the script offset
    /// of its `DEFAULT` clause and those of all its constraints, from its parse tree.
    package func addedColumnDefaultLocation(subcommand index: Int) -> (defaultValue: Int, constraints: [Int])? {
        let constraints = (subcommand(index)?["def"]?.typed("ColumnDef")?["constraints"]?.elements ?? [])
            .compactMap { $0.typed("Constraint") }
        guard let location = constraints.first(where: { $0.constraintKind == .defaultValue })?["location"]?.intValue
        else { return nil }
        return (location, constraints.compactMap { $0["location"]?.intValue })
    }

    private func subcommand(_ index: Int) -> ParseNode? {
        let commands = tree.typed(.alterTable)?["cmds"]?.elements ?? []
        return commands.indices.contains(index) ? commands[index].typed("AlterTableCmd") : nil
    }
}
