import OnlineDDLAnalysis
import OnlineDDLParsing

/// `ADD CONSTRAINT … CHECK` or `FOREIGN KEY` without `NOT VALID` on an existing table.
struct ConstraintMissingNotValidRule: StatementLintRule {
    let id = RuleID.constraintMissingNotValid
    let severity = Severity.warning
    let summary = "ADD CONSTRAINT CHECK or FOREIGN KEY without NOT VALID scans the whole table under a lock that blocks writes"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        guard let alter = statement.facts.alterTable,
              !context.history.isNewTable(alter.relation, before: statement.index) else { return [] }
        return alter.subcommands.enumerated().compactMap { index, command in
            guard command.kind == .addConstraint, let constraint = command.constraint, !constraint.notValid,
                  constraint.kind == .check || constraint.kind == .foreignKey else { return nil }
            return finding(for: constraint, subcommand: index, of: alter.relation, statement, context)
        }
    }

    private func finding(
        for constraint: TableConstraint, subcommand: Int, of table: RelationName,
        _ statement: LintStatement, _ context: LintContext
    ) -> Finding {
        let lock = LockImpact(mode: statement.analysis.strongestMode(on: table) ?? .accessExclusive)
        let kind = constraint.kind == .check ? "CHECK" : "FOREIGN KEY"
        let referenced = constraint.foreignKey.map { " (and \(LockImpact(mode: .shareRowExclusive).modeName) on \($0.referencedTable))" } ?? ""
        let name = constraint.name ?? proposedName(for: constraint, on: table)
        let written = StatementSource(statement.sql).addedConstraint(subcommand: subcommand) ?? ""
        let definition = constraint.name == nil ? "CONSTRAINT \(SQLText.identifier(name)) \(written)" : written
        let alter = "ALTER TABLE \(SQLText.relation(table))"
        return finding(
            at: statement, in: context,
            "ADD CONSTRAINT … \(kind) without NOT VALID checks every existing row of \(table) while it holds "
                + "\(lock.phrase(on: table.description))\(referenced), for the whole scan",
            safeAlternative: """
                \(alter) ADD \(definition) NOT VALID;
                -- in a later migration: VALIDATE takes \(LockImpact(mode: .shareUpdateExclusive).modeName), so reads and writes continue
                \(alter) VALIDATE CONSTRAINT \(SQLText.identifier(name));
                """)
    }

    /// A name in PostgreSQL's style for an unnamed constraint, so `VALIDATE CONSTRAINT` can name it.
    private func proposedName(for constraint: TableConstraint, on table: RelationName) -> String {
        constraint.kind == .foreignKey
            ? SQLText.derivedName(table, constraint.columns, suffix: "fkey")
            : SQLText.derivedName(table, [], suffix: "check")
    }
}
