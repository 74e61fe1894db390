import OnlineDDLParsing

/// More statements after one that takes `ACCESS EXCLUSIVE` in the same transaction: the
/// lock is held, blocking every query on the table, until the transaction ends.
struct LockHeldAfterAccessExclusiveRule: LintRule {
    let id = RuleID.lockHeldAfterAccessExclusive
    let severity = Severity.warning
    let summary = "statements after an ACCESS EXCLUSIVE lock in the same transaction keep the table blocked until COMMIT"

    func check(_ context: LintContext) -> [Finding] {
        let history = context.history
        let statements = context.statements
        return context.execution.transactionUnits.compactMap { unit in
            let inSpan = statements[unit.statements]
            guard let locking = inSpan.first(where: { Self.accessExclusiveRelation(of: $0, history) != nil }),
                  let relation = Self.accessExclusiveRelation(of: locking, history) else { return nil }
            let later = inSpan.filter { $0.index > locking.index && $0.doesWork }
            guard !later.isEmpty else { return nil }
            let holder = unit.kind == .block
                ? "it runs inside the BEGIN at line \(context.script.statements[unit.statements.lowerBound].location.line)"
                : "the file runs in one transaction"
            return finding(
                at: locking, in: context,
                "\(SQLText.excerpt(locking.sql)) takes \(LockImpact(mode: .accessExclusive).phrase(on: relation.description)); "
                    + "\(holder), so the lock is held until COMMIT while "
                    + "\(later.count == 1 ? "1 more statement runs" : "\(later.count) more statements run"): "
                    + LockImpact.list(later.map { SQLText.excerpt($0.sql) }),
                safeAlternative: "-- move it to a migration file of its own, or make it the last statement of this one:\n"
                    + "\(locking.sql.text);")
        }
    }

    /// The first existing relation the statement locks in `ACCESS EXCLUSIVE` mode until the
    /// transaction ends.
    private static func accessExclusiveRelation(of statement: LintStatement, _ history: SchemaHistory) -> RelationName? {
        statement.analysis.lockRequests.first { request in
            request.mode == .accessExclusive && request.duration == .transaction
                && !history.isNewTable(request.relation, before: statement.index)
                && !history.isNewIndex(request.relation, before: statement.index)
        }?.relation
    }
}
