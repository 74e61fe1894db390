import OnlineDDLAnalysis

/// `ADD COLUMN … NOT NULL` without a default on an existing table: it fails as soon as the
/// table has a row.
struct AddColumnNotNullWithoutDefaultRule: StatementLintRule {
    let id = RuleID.addColumnNotNullWithoutDefault
    let severity = Severity.error
    let summary = "ADD COLUMN … NOT NULL without a DEFAULT fails on a table that has rows"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        guard let (alter, lock) = statement.alterOfExistingTable(in: context) else { return [] }
        let table = alter.relation
        return alter.subcommands.compactMap { command in
            guard let column = command.newColumn, column.isNotNull, !Self.fillsExistingRows(column) else { return nil }
            let alter = "ALTER TABLE \(SQLText.relation(table))"
            return finding(
                at: statement, in: context,
                "ADD COLUMN \(column.name) NOT NULL without a DEFAULT fails with \"column contains null values\" "
                    + "as soon as \(table) has a row, after waiting for \(lock.phrase(on: table.description))",
                safeAlternative: """
                    -- either give it a constant default (PostgreSQL 11+ stores it in the catalog, no rewrite):
                    -- \(alter) ADD COLUMN \(SQLText.identifier(column.name)) \(SQLText.type(column.type)) NOT NULL DEFAULT …;
                    -- or add it nullable, backfill it in batches, then add NOT NULL without a long lock:
                    \(alter) ADD COLUMN \(SQLText.identifier(column.name)) \(SQLText.type(column.type));
                    \(NotNullByCheck.steps(table: table, column: column.name, postgresMajorVersion: context.postgresMajorVersion))
                    """)
        }
    }

    /// Whether PostgreSQL gives existing rows a value: a non-NULL default, a serial type, an
    /// identity or a generated column.
    private static func fillsExistingRows(_ column: ColumnDefinition) -> Bool {
        column.isIdentity || column.isGeneratedStored || column.type.isSerial
            || (column.defaultExpression.map { !$0.isNullConstant } ?? false)
    }
}
