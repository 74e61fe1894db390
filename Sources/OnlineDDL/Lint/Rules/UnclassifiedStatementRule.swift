/// A statement the analyzer does not model (a `DO` block, `CALL`, …): its locks are unknown.
struct UnclassifiedStatementRule: StatementLintRule {
    let id = RuleID.unclassifiedStatement
    let severity = Severity.info
    let summary = "onlineddl cannot tell which locks a statement takes (DO blocks, CALL, …); review it by hand"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        guard case .unclassified(let reason) = statement.analysis.classification else { return [] }
        return [finding(
            at: statement, in: context,
            "\(SQLText.excerpt(statement.sql)) is not analyzed (\(reason)): its locks are unknown, so onlineddl cannot "
                + "tell what it blocks or for how long; review it by hand",
            safeAlternative: nil)]
    }
}
