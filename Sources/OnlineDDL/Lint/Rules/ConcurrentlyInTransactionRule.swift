/// A statement that cannot run in a transaction block (`CREATE INDEX CONCURRENTLY`,
/// `VACUUM`, `REINDEX` of a partitioned table, …) inside an explicit `BEGIN … COMMIT`: the
/// ``ExecutionPlan``'s problem, catalog-settled when the plan is connected.
struct ConcurrentlyInTransactionRule: StatementLintRule {
    let id = RuleID.concurrentlyInTransaction
    let severity = Severity.error
    let summary = "CONCURRENTLY (or another statement that cannot run in a transaction block) inside BEGIN … COMMIT fails"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        guard let begin = context.execution.problems.lazy.compactMap({ problem -> Int? in
            guard problem.statement == statement.index, case .cannotRunInBlock(let begin) = problem.kind else { return nil }
            return begin
        }).first else { return [] }
        let lock = statement.strongestLock.map {
            "; outside one it takes " + LockImpact(mode: $0.mode).phrase(on: $0.relation.description)
        } ?? ""
        return [finding(
            at: statement, in: context,
            "\(SQLText.excerpt(statement.sql)) cannot run inside a transaction block, but it follows the BEGIN at "
                + "\(SQLText.excerpt(context.script.statements[begin])): PostgreSQL rejects it with \"cannot run "
                + "inside a transaction block\" and aborts the transaction\(lock)",
            safeAlternative: "-- outside BEGIN … COMMIT, in a migration file of its own:\n\(statement.sql.text);")]
    }
}
