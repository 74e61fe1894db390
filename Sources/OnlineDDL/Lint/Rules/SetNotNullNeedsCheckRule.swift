/// `ALTER COLUMN … SET NOT NULL` on an existing table with no valid `CHECK (col IS NOT NULL)`
/// that lets PostgreSQL skip its scan.
struct SetNotNullNeedsCheckRule: StatementLintRule {
    let id = RuleID.setNotNullNeedsCheck
    let severity = Severity.warning
    let summary = "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE unless a valid CHECK (col IS NOT NULL) proves it"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        let history = context.history
        guard let (alter, lock) = statement.alterOfExistingTable(in: context) else { return [] }
        let table = alter.relation
        return alter.subcommands.compactMap { command in
            guard command.kind == .setNotNull, let column = command.column else { return nil }
            if context.postgresMajorVersion >= 12, history.hasValidNotNullCheck(table, column, before: statement.index) {
                return nil
            }
            let proof = context.postgresMajorVersion >= 12
                ? "; no valid CHECK (\(column) IS NOT NULL) in this migration set lets PostgreSQL skip the scan "
                    + "(onlineddl cannot see constraints already in the database: if one exists, ignore this finding)"
                : "; PostgreSQL \(context.postgresMajorVersion) always scans, whatever constraints exist"
            return finding(
                at: statement, in: context,
                "SET NOT NULL on \(table).\(column) scans every row while it holds \(lock.phrase(on: table.description))"
                    + proof,
                safeAlternative: NotNullByCheck.steps(
                    table: table, column: column, postgresMajorVersion: context.postgresMajorVersion))
        }
    }
}
