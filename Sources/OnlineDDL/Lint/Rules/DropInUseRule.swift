import OnlineDDLParsing

/// `DROP COLUMN` or `DROP TABLE` of an existing table: code already deployed may still use it.
struct DropInUseRule: StatementLintRule {
    let id = RuleID.dropInUse
    let severity = Severity.warning
    let summary = "dropping a column or table breaks the running code that still uses it"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        let history = context.history
        if let drop = statement.facts.drop, drop.objectType == .table {
            return drop.objects.compactMap(\.relation)
                .filter { !history.isNewTable($0, before: statement.index) }
                .map { dropTable($0, statement, context) }
        }
        guard let alter = statement.facts.alterTable, !history.isNewTable(alter.relation, before: statement.index)
        else { return [] }
        return alter.subcommands.compactMap { command in
            guard command.kind == .dropColumn, let column = command.column else { return nil }
            return dropColumn(column, alter.relation, statement, context)
        }
    }

    private func dropTable(_ table: RelationName, _ statement: LintStatement, _ context: LintContext) -> Finding {
        let lock = LockImpact(mode: statement.analysis.strongestMode(on: table) ?? .accessExclusive)
        let retired = table.sibling(named: table.name + "_deprecated")
        return finding(
            at: statement, in: context,
            "DROP TABLE \(table) takes \(lock.phrase(on: table.description)) and on the tables its foreign keys "
                + "reference; deployed code that still uses \(table) fails at once, and the data is gone",
            safeAlternative: """
                -- first rename it, so code that still uses it fails loudly but reversibly:
                ALTER TABLE \(SQLText.relation(table)) RENAME TO \(SQLText.identifier(retired.name));
                -- in a later release, once nothing broke:
                DROP TABLE \(SQLText.relation(retired));
                """)
    }

    private func dropColumn(
        _ column: String, _ table: RelationName, _ statement: LintStatement, _ context: LintContext
    ) -> Finding {
        let lock = LockImpact(mode: statement.analysis.strongestMode(on: table) ?? .accessExclusive)
        return finding(
            at: statement, in: context,
            "DROP COLUMN \(table).\(column) takes \(lock.phrase(on: table.description)) only for a catalog change, "
                + "but deployed code that still reads or writes \(column) (an ORM listing every column does) fails at once",
            safeAlternative: """
                -- first deploy code that no longer uses \(column), then, in a later release:
                ALTER TABLE \(SQLText.relation(table)) DROP COLUMN \(SQLText.identifier(column));
                """)
    }
}
