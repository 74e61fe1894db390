/// `TRUNCATE … CASCADE`: also empties every table that references the named ones.
struct TruncateCascadeRule: StatementLintRule {
    let id = RuleID.truncateCascade
    let severity = Severity.error
    let summary = "TRUNCATE … CASCADE silently empties every table that references the truncated ones"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        guard let truncate = statement.facts.truncate, truncate.cascade else { return [] }
        let names = LockImpact.list(truncate.tables.map(\.relation.description))
        let tables = truncate.tables.map { ($0.includesDescendants ? "" : "ONLY ") + SQLText.relation($0.relation) }
        return [finding(
            at: statement, in: context,
            "TRUNCATE … CASCADE empties \(names) and, recursively, every table with a foreign key to them, taking "
                + "\(LockImpact(mode: .accessExclusive).phrase(on: "each of them")) until the transaction ends",
            safeAlternative: """
                -- name every table to empty; without CASCADE PostgreSQL refuses if another table references them
                TRUNCATE \(tables.joined(separator: ", "))\(truncate.restartIdentity ? " RESTART IDENTITY" : "");
                """)]
    }
}
