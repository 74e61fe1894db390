import OnlineDDLAnalysis
import OnlineDDLLocking

extension ResolvedAnalysis {
    /// The statement as a ``ConcurrentStatement`` when it waits for other transactions
    /// between its own (`CREATE INDEX CONCURRENTLY`, `REINDEX … CONCURRENTLY`, `DROP INDEX
    /// CONCURRENTLY`, `DETACH PARTITION … CONCURRENTLY` or `… FINALIZE`), with the tables
    /// whose lockers it waits for: those it locks as its target.
    public var concurrentStatement: ConcurrentStatement? {
        guard let kind = concurrentKind else { return nil }
        var seen: Set<RelationID> = []
        let tables = kind == .detachFinalize ? [] : locks.filter { $0.role == .target && seen.insert($0.relation.id).inserted }
            .map { ConcurrentStatement.Table(name: $0.relation.name.description, id: $0.relation.id.rawValue) }
        return ConcurrentStatement(kind: kind, tables: tables)
    }

    private var concurrentKind: ConcurrentStatement.Kind? {
        let facts = analysis.facts
        if facts.createIndex?.isConcurrent == true { return .createIndex }
        if facts.reindex?.concurrent == true { return .reindex }
        // Only DROP INDEX takes CONCURRENTLY.
        if facts.drop?.concurrent == true { return .dropIndex }
        for partition in facts.alterTable?.subcommands.compactMap(\.partition) ?? [] {
            if partition.finalize { return .detachFinalize }
            if partition.concurrent { return .detachPartition }
        }
        return nil
    }
}
