import OnlineDDLAnalysis
import OnlineDDLParsing

/// `CREATE INDEX`, `DROP INDEX` and `REINDEX` without `CONCURRENTLY` on an existing table.
struct RequireConcurrentIndexRule: StatementLintRule {
    let id = RuleID.requireConcurrentIndex
    let severity = Severity.warning
    let summary = "CREATE INDEX, DROP INDEX or REINDEX without CONCURRENTLY blocks writes (or reads) on an existing table"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        let history = context.history
        if let index = statement.facts.createIndex, !index.isConcurrent,
           !history.isNewTable(index.table, before: statement.index) {
            return [createIndex(index, statement, context)]
        }
        if let drop = statement.facts.drop, drop.objectType == .index, !drop.concurrent {
            let indexes = drop.objects.compactMap(\.relation)
            guard indexes.contains(where: { !history.isNewIndex($0, before: statement.index) }) else { return [] }
            return [dropIndex(indexes, drop, statement, context)]
        }
        if let reindex = statement.facts.reindex, !reindex.concurrent,
           !(reindex.target == .table && history.isNewTable(reindex.relation, before: statement.index)),
           !(reindex.target == .index && history.isNewIndex(reindex.relation, before: statement.index)) {
            return [self.reindex(reindex, statement, context)]
        }
        return []
    }

    private func createIndex(_ index: CreateIndexFacts, _ statement: LintStatement, _ context: LintContext) -> Finding {
        let table = index.table
        let lock = LockImpact(mode: statement.analysis.strongestMode(on: table) ?? .share)
        let concurrent = StatementSource(statement.sql).inserting("CONCURRENTLY", afterToken: index.isUnique ? 2 : 1)
        return finding(
            at: statement, in: context,
            "CREATE INDEX without CONCURRENTLY takes \(lock.phrase(on: table.description)) for the whole index build, "
                + "a full scan of \(table); CREATE INDEX CONCURRENTLY takes only "
                + "\(LockImpact(mode: .shareUpdateExclusive).modeName), so reads and writes continue",
            safeAlternative: Self.outsideTransaction(concurrent + ";"))
    }

    private func dropIndex(
        _ indexes: [RelationName], _ drop: DropFacts, _ statement: LintStatement, _ context: LintContext
    ) -> Finding {
        let names = LockImpact.list(indexes.map(\.description))
        let lock = LockImpact(mode: .accessExclusive)
        let drops = indexes.map {
            "DROP INDEX CONCURRENTLY \(drop.missingOk ? "IF EXISTS " : "")\(SQLText.relation($0));"
        }
        let cascadeNote = drop.cascade ? "-- CONCURRENTLY does not allow CASCADE: drop the dependent objects first\n" : ""
        return finding(
            at: statement, in: context,
            "DROP INDEX without CONCURRENTLY takes \(lock.phrase(on: "\(names) and \(indexes.count == 1 ? "its table" : "their tables")")) until the transaction "
                + "ends, and queues behind every query already using them",
            safeAlternative: Self.outsideTransaction(cascadeNote + drops.joined(separator: "\n")))
    }

    private func reindex(_ reindex: ReindexFacts, _ statement: LintStatement, _ context: LintContext) -> Finding {
        let relation = reindex.relation
        let onTable = reindex.target == .table ? "\(relation)" : "the table of \(relation)"
        let indexes = reindex.target == .table ? "its indexes" : "\(relation)"
        let message = "REINDEX without CONCURRENTLY takes \(LockImpact(mode: .share).phrase(on: onTable)), and "
            + "\(LockImpact(mode: .accessExclusive).modeName) on \(indexes), which blocks reads too: the planner opens "
            + "every index of a table, so each query on it waits for the whole rebuild"
        guard context.postgresMajorVersion >= 12 else {
            return finding(
                at: statement, in: context,
                message + "; PostgreSQL 11 and older have no REINDEX CONCURRENTLY: build a replacement with "
                    + "CREATE INDEX CONCURRENTLY, then DROP INDEX CONCURRENTLY the old one",
                safeAlternative: nil)
        }
        let keyword = reindex.target == .table ? "TABLE" : "INDEX"
        return finding(
            at: statement, in: context, message,
            safeAlternative: Self.outsideTransaction("REINDEX \(keyword) CONCURRENTLY \(SQLText.relation(relation));"))
    }

    /// Prefixes the reminder that `CONCURRENTLY` cannot run in a transaction block.
    static func outsideTransaction(_ sql: String) -> String {
        "-- CONCURRENTLY cannot run in a transaction block: put this in a migration file of its own\n" + sql
    }
}
