import OnlineDDLAnalysis

/// `ADD COLUMN` with a volatile default (a `serial` type included), or with any non-NULL
/// default before PostgreSQL 11, on an existing table: a full table rewrite.
struct RewriteVolatileDefaultRule: StatementLintRule {
    let id = RuleID.rewriteVolatileDefault
    let severity = Severity.warning
    let summary = "ADD COLUMN with a volatile default (or any default before PostgreSQL 11) rewrites the table under ACCESS EXCLUSIVE"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        guard let (alter, lock) = statement.alterOfExistingTable(in: context) else { return [] }
        let table = alter.relation
        return alter.subcommands.enumerated().compactMap { index, command in
            guard let column = command.newColumn, !column.isIdentity, !column.isGeneratedStored,
                  column.type.isSerial || Self.defaultRewrites(column, version: context.postgresMajorVersion),
                  command.dataWork.kind == .rewrite else { return nil }
            let backfill = column.type.isSerial
                ? ColumnBackfill.sequenceBacked(
                    table: table, column: column.name, type: Self.integerType(ofSerial: column.type.name), notNull: column.isNotNull)
                : StatementSource(statement.sql).addedColumnDefault(subcommand: index).map {
                    ColumnBackfill(table: table, column: column.name, type: SQLText.type(column.type), value: $0, notNull: column.isNotNull)
                }
            return finding(
                at: statement, in: context,
                "ADD COLUMN \(column.name) rewrites all of \(table) (\(command.dataWork.reason)) and rebuilds its "
                    + "indexes while it holds \(lock.phrase(on: table.description)), for as long as the rewrite takes",
                safeAlternative: backfill?.steps(postgresMajorVersion: context.postgresMajorVersion))
        }
    }

    private static func defaultRewrites(_ column: ColumnDefinition, version: Int) -> Bool {
        guard let expression = column.defaultExpression, !expression.isNullConstant else { return false }
        return version < 11 || expression.volatility.isVolatile
    }

    /// The integer type behind a serial pseudo-type.
    private static func integerType(ofSerial name: String) -> String {
        switch name {
        case "smallserial", "serial2": "smallint"
        case "bigserial", "serial8": "bigint"
        default: "integer"
        }
    }
}
