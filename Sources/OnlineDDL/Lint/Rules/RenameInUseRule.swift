import OnlineDDLParsing

/// `RENAME` of an existing table or column: code already deployed still uses the old name.
struct RenameInUseRule: StatementLintRule {
    let id = RuleID.renameInUse
    let severity = Severity.warning
    let summary = "renaming a table or column breaks the running code that still uses the old name"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        let history = context.history
        guard let rename = statement.facts.rename, let table = rename.relation,
              rename.objectType == .table || rename.objectType == .column,
              !history.isNewTable(table, before: statement.index) else { return [] }
        let lock = LockImpact(mode: statement.analysis.strongestMode(on: table) ?? .accessExclusive)
        let isColumn = rename.objectType == .column
        let oldName = isColumn ? "\(table).\(rename.oldName ?? "")" : table.description
        return [finding(
            at: statement, in: context,
            "renaming \(oldName) to \(rename.newName) takes \(lock.phrase(on: table.description)) only for a catalog "
                + "change, but deployed code that still uses \(oldName) fails as soon as it commits",
            safeAlternative: isColumn
                ? columnAlternative(table, old: rename.oldName ?? "", new: rename.newName, history, statement.index)
                : tableAlternative(table, new: rename.newName))]
    }

    private func tableAlternative(_ table: RelationName, new: String) -> String {
        """
        ALTER TABLE \(SQLText.relation(table)) RENAME TO \(SQLText.identifier(new));
        -- in the same transaction, keep the old name working (a simple view is updatable):
        CREATE VIEW \(SQLText.relation(table)) AS SELECT * FROM \(SQLText.relation(table.sibling(named: new)));
        -- once no deployed code uses the old name: DROP VIEW \(SQLText.relation(table));
        """
    }

    private func columnAlternative(
        _ table: RelationName, old: String, new: String, _ history: SchemaHistory, _ index: Int
    ) -> String {
        let alter = "ALTER TABLE \(SQLText.relation(table))"
        let add = history.columnType(table, old, before: index).map {
            "\(alter) ADD COLUMN \(SQLText.identifier(new)) \(SQLText.type($0));"
        } ?? "-- \(alter) ADD COLUMN \(SQLText.identifier(new)) <the type of \(SQLText.identifier(old))>;"
        return """
            \(add)
            -- keep both columns in sync with a trigger, backfill in batches, move the code to \(new),
            -- then, in a later release:
            \(alter) DROP COLUMN \(SQLText.identifier(old));
            """
    }
}
