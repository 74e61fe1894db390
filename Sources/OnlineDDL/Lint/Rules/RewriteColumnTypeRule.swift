import OnlineDDLAnalysis
import OnlineDDLParsing

/// `ALTER COLUMN … TYPE` on an existing table that is not a known binary-coercible change.
struct RewriteColumnTypeRule: StatementLintRule {
    let id = RuleID.rewriteColumnType
    let severity = Severity.warning
    let summary = "ALTER COLUMN … TYPE rewrites the table and its indexes under ACCESS EXCLUSIVE unless the change is binary-coercible"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        let history = context.history
        guard let (alter, lock) = statement.alterOfExistingTable(in: context) else { return [] }
        let table = alter.relation
        return alter.subcommands.compactMap { command in
            guard let change = command.typeChange else { return nil }
            let oldType = history.columnType(table, change.column, before: statement.index)
            if let oldType, !change.requiresRewrite(from: oldType) { return nil }
            let newType = SQLText.type(change.newType)
            let why = if let oldType {
                change.hasUsingExpression
                    ? "a USING expression rewrites every row"
                    : "\(SQLText.type(oldType)) to \(newType) is not binary-coercible"
            } else {
                "unless the old type is binary-coercible to \(newType), such as varchar(n) to text; "
                    + "onlineddl cannot see the old type, which this migration set does not declare"
            }
            return finding(
                at: statement, in: context,
                "ALTER COLUMN \(change.column) TYPE \(newType) rewrites all of \(table) and rebuilds its indexes "
                    + "(\(why)) while it holds \(lock.phrase(on: table.description)), for as long as the rewrite takes",
                safeAlternative: alternative(change, table))
        }
    }

    private func alternative(_ change: ColumnTypeChange, _ table: RelationName) -> String {
        let alter = "ALTER TABLE \(SQLText.relation(table))"
        let column = SQLText.identifier(change.column)
        let replacement = SQLText.identifier(change.column + "_new")
        let retired = SQLText.identifier(change.column + "_old")
        return """
            \(alter) ADD COLUMN \(replacement) \(SQLText.type(change.newType));
            -- keep it in sync with a trigger, backfill it in batches, then swap the names in one short transaction:
            \(alter) RENAME COLUMN \(column) TO \(retired);
            \(alter) RENAME COLUMN \(replacement) TO \(column);
            -- and drop \(retired) once no deployed code uses it
            """
    }
}
