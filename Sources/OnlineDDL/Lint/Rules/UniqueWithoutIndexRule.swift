import OnlineDDLAnalysis
import OnlineDDLParsing

/// `ADD CONSTRAINT … UNIQUE` or `PRIMARY KEY` without `USING INDEX` (or an inline one on
/// `ADD COLUMN`) on an existing table: the index is built under the statement's lock.
struct UniqueWithoutIndexRule: StatementLintRule {
    let id = RuleID.uniqueWithoutIndex
    let severity = Severity.warning
    let summary = "ADD UNIQUE or PRIMARY KEY without USING INDEX builds the index under ACCESS EXCLUSIVE"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        guard let (alter, lock) = statement.alterOfExistingTable(in: context) else { return [] }
        let table = alter.relation
        let constraints = alter.subcommands.flatMap { command in
            ([command.constraint].compactMap { $0 } + (command.newColumn?.constraints ?? []))
                .filter { ($0.kind == .unique || $0.kind == .primaryKey) && $0.usingIndex == nil }
        }
        return constraints.map { constraint in
            let kind = constraint.kind == .primaryKey ? "PRIMARY KEY" : "UNIQUE"
            return finding(
                at: statement, in: context,
                "ADD \(kind) \(SQLText.columnList(constraint.columns)) builds its unique index with a full scan "
                    + "of \(table) while it holds \(lock.phrase(on: table.description)), for the whole build",
                safeAlternative: alternative(constraint, kind, table))
        }
    }

    private func alternative(_ constraint: TableConstraint, _ kind: String, _ table: RelationName) -> String {
        let suffix = constraint.kind == .primaryKey ? "pkey" : "key"
        let name = SQLText.identifier(
            constraint.name ?? SQLText.derivedName(table, constraint.kind == .primaryKey ? [] : constraint.columns, suffix: suffix))
        let nullNote = constraint.kind == .primaryKey
            ? "-- PRIMARY KEY … USING INDEX sets NOT NULL on its columns, scanning unless they already are NOT NULL\n"
            : ""
        return RequireConcurrentIndexRule.outsideTransaction(
            "CREATE UNIQUE INDEX CONCURRENTLY \(name) ON \(SQLText.relation(table)) \(SQLText.columnList(constraint.columns));")
            + "\n-- then, in the next migration:\n" + nullNote
            + "ALTER TABLE \(SQLText.relation(table)) ADD CONSTRAINT \(name) \(kind) USING INDEX \(name);"
    }
}
