import OnlineDDLParsing

/// A file without a statement (empty, whitespace, comments or `;` only): a valid no-op
/// migration, as golang-migrate, Flyway and dbmate take it, reported so that a file whose
/// statements were forgotten or commented out does not pass unnoticed.
struct EmptyMigrationRule: LintRule {
    let id = RuleID.emptyMigration
    let severity = Severity.info
    let summary = "a file without a statement is a no-op migration: apply only records it in the history table"

    func check(_ context: LintContext) -> [Finding] {
        guard context.statements.isEmpty else { return [] }
        return [Finding(
            ruleID: id, severity: severity,
            message: "the file has no SQL statement: apply records it in the history table and runs nothing; "
                + "if statements were meant to be here, add them before it is applied",
            file: context.script.file, location: SourceLocation(line: 1, column: 1), statementIndex: nil, safeAlternative: nil)]
    }
}
