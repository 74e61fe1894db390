/// A file that mixes statements that cannot run in a transaction block with ones that can
/// outside any `BEGIN … COMMIT`: it cannot run atomically. Statements in an explicit block
/// are units the author chose, so they do not count.
struct MixedTransactionalStatementsRule: LintRule {
    let id = RuleID.mixedTransactionalStatements
    let severity = Severity.warning
    let summary = "a file mixes statements that cannot run in a transaction block with others, so it cannot run atomically"

    func check(_ context: LintContext) -> [Finding] {
        let statements = context.statements
        let execution = context.execution
        let nonTransactional = statements.filter { !execution.statements[$0.index].transactional }
        let transactional = statements.filter {
            execution.statements[$0.index].transactional && $0.doesWork && execution.unit(containing: $0.index)?.kind != .block
        }
        guard let first = nonTransactional.first, !transactional.isEmpty else { return [] }
        let lock = first.strongestLock.map {
            "; it takes " + LockImpact(mode: $0.mode).phrase(on: $0.relation.description)
        } ?? ""
        return [finding(
            at: first, in: context,
            "this file mixes statements that cannot run in a transaction block (\(Self.list(nonTransactional))) "
                + "with statements that can (\(Self.list(transactional))): it cannot run atomically, so it runs "
                + "statement by statement, and a failure leaves the earlier statements applied\(lock)",
            safeAlternative: "-- split the file: this statement goes to a migration file of its own\n\(first.sql.text);")]
    }

    private static func list(_ statements: [LintStatement]) -> String {
        LockImpact.list(statements.map { SQLText.excerpt($0.sql) })
    }
}
