import OnlineDDLParsing

/// `VALIDATE CONSTRAINT` in the same transaction as the `ADD CONSTRAINT … NOT VALID` it
/// validates: the lock of the `ADD` is still held during the validation scan.
struct ValidateInSameTransactionRule: StatementLintRule {
    let id = RuleID.validateInSameTransaction
    let severity = Severity.warning
    let summary = "VALIDATE CONSTRAINT in the same transaction as its ADD CONSTRAINT … NOT VALID scans under the ADD's lock"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        guard let alter = statement.facts.alterTable,
              let unit = context.execution.unit(containing: statement.index), unit.kind != .statement else { return [] }
        let table = alter.relation
        let earlierInSpan = context.statements[unit.statements.lowerBound..<statement.index]
        return alter.subcommands.compactMap { command in
            guard command.kind == .validateConstraint, let name = command.objectName,
                  let adding = earlierInSpan.last(where: { Self.addsNotValid(name, on: table, $0) }),
                  !context.history.isNewTable(table, before: adding.index) else { return nil }
            let addedOn = adding.facts.alterTable?.relation ?? table
            let lock = LockImpact(mode: adding.analysis.strongestMode(on: addedOn) ?? .accessExclusive)
            return finding(
                at: statement, in: context,
                "VALIDATE CONSTRAINT \(name) runs in the same transaction as its ADD CONSTRAINT … NOT VALID at "
                    + "\(SQLText.excerpt(adding.sql)), which still holds \(lock.phrase(on: table.description)) "
                    + "during the whole validation scan; NOT VALID only helps when VALIDATE runs in a later transaction",
                safeAlternative: """
                    -- in a later migration file:
                    ALTER TABLE \(SQLText.relation(table)) VALIDATE CONSTRAINT \(SQLText.identifier(name));
                    """)
        }
    }

    private static func addsNotValid(_ name: String, on table: RelationName, _ statement: LintStatement) -> Bool {
        guard let alter = statement.facts.alterTable, alter.relation.isSameRelation(as: table) else { return false }
        return alter.subcommands.contains { $0.constraint?.name == name && $0.constraint?.notValid == true }
    }
}
