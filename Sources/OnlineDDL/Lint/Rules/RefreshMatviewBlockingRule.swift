/// `REFRESH MATERIALIZED VIEW` without `CONCURRENTLY`: readers of the view wait for the refresh.
struct RefreshMatviewBlockingRule: StatementLintRule {
    let id = RuleID.refreshMatviewBlocking
    let severity = Severity.warning
    let summary = "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view for the whole refresh"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        guard let refresh = statement.facts.refreshMaterializedView, !refresh.concurrent, refresh.withData else { return [] }
        let view = refresh.view
        let lock = LockImpact(mode: statement.analysis.strongestMode(on: view) ?? .accessExclusive)
        return [finding(
            at: statement, in: context,
            "REFRESH MATERIALIZED VIEW without CONCURRENTLY reruns the view's query while it holds "
                + "\(lock.phrase(on: view.description)), for the whole refresh",
            safeAlternative: """
                -- CONCURRENTLY needs a unique index on the view; it takes \(LockImpact(mode: .exclusive).modeName), so SELECT continues
                REFRESH MATERIALIZED VIEW CONCURRENTLY \(SQLText.relation(view));
                """)]
    }
}
