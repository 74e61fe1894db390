import OnlineDDLAnalysis
import OnlineDDLParsing

/// `ADD COLUMN` of an identity column or a stored generated column on an existing table:
/// every row gets a value, so the table is rewritten.
struct RewriteGeneratedOrIdentityRule: StatementLintRule {
    let id = RuleID.rewriteGeneratedOrIdentity
    let severity = Severity.warning
    let summary = "ADD COLUMN … GENERATED (identity or stored) rewrites the table under ACCESS EXCLUSIVE"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        guard let (alter, lock) = statement.alterOfExistingTable(in: context) else { return [] }
        let table = alter.relation
        return alter.subcommands.compactMap { command in
            guard let column = command.newColumn, column.isIdentity || column.isGeneratedStored else { return nil }
            let kind = column.isIdentity ? "an identity column" : "a stored generated column"
            return finding(
                at: statement, in: context,
                "ADD COLUMN \(column.name) as \(kind) computes a value for every row, rewriting all of \(table) and "
                    + "rebuilding its indexes while it holds \(lock.phrase(on: table.description)), for as long as "
                    + "the rewrite takes",
                safeAlternative: alternative(column, table, context.postgresMajorVersion))
        }
    }

    private func alternative(_ column: ColumnDefinition, _ table: RelationName, _ version: Int) -> String {
        let type = SQLText.type(column.type)
        if column.isIdentity {
            return ColumnBackfill.sequenceBacked(table: table, column: column.name, type: type, notNull: true)
                .steps(postgresMajorVersion: version)
        }
        return """
            ALTER TABLE \(SQLText.relation(table)) ADD COLUMN \(SQLText.identifier(column.name)) \(type);
            -- compute it for new and changed rows in a BEFORE INSERT OR UPDATE trigger,
            -- and backfill existing rows in batches, each in its own transaction
            """
    }
}
