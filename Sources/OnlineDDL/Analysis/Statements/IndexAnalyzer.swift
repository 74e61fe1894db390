import OnlineDDLParsing

/// `CREATE INDEX` and `REINDEX` (utility.c, indexcmds.c `DefineIndex`, `ReindexIndex`,
/// `ReindexTable`, `ReindexRelationConcurrently`).
///
/// `CREATE INDEX` takes `SHARE` on the table (and on every partition of a partitioned table
/// unless `ONLY`); `CONCURRENTLY` takes `SHARE UPDATE EXCLUSIVE` as a session lock across
/// its three transactions and cannot run in a transaction block. `REINDEX INDEX` locks the
/// table (`SHARE`) before the index (`ACCESS EXCLUSIVE`); `REINDEX TABLE` locks the table,
/// then each index. `REINDEX CONCURRENTLY` (12+) uses `SHARE UPDATE EXCLUSIVE` session locks.
struct IndexAnalyzer {
    let version: Int

    func analyzeCreateIndex(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let rangeVar = body["relation"], let table = rangeVar.rangeVarName else {
            throw UnclassifiedStatement(reason: "CREATE INDEX without a table")
        }
        let concurrent = body.flag("concurrent")
        let keys = (body["indexParams"]?.elements ?? []).compactMap { $0.typed("IndexElem") }
        builder.facts = .createIndex(CreateIndexFacts(
            table: table, indexName: body["idxname"]?.stringValue, isUnique: body.flag("unique"),
            isConcurrent: concurrent, recursesToPartitions: rangeVar.rangeVarIncludesDescendants,
            ifNotExists: body.flag("if_not_exists"), isPartial: body["whereClause"] != nil,
            columns: keys.compactMap { $0["name"]?.stringValue },
            leadingColumns: keys.prefix { $0["expr"] == nil }.compactMap { $0["name"]?.stringValue },
            hasExpressionKeys: keys.contains { $0["expr"] != nil },
            accessMethod: body["accessMethod"]?.stringValue ?? "btree"))
        if concurrent {
            builder.transactional = false
            builder.lock(table, .shareUpdateExclusive, as: .target,
                         "CREATE INDEX CONCURRENTLY: session lock across its three transactions", duration: .session)
            builder.record(.scan("builds the index in two table scans without blocking writes"))
            return
        }
        builder.lock(table, .share, as: .target, "CREATE INDEX blocks writes while it builds")
        if rangeVar.rangeVarIncludesDescendants {
            builder.lock(.partitions(of: table), .share, as: .descendant, "an index on a partitioned table is built on every partition")
        }
        builder.record(.scan("builds the index from a full table scan, blocking writes"))
    }

    func analyzeReindex(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        let concurrent = (body["params"]?.defElemNames ?? []).contains("concurrently")
        if concurrent { try UnclassifiedStatement.require("REINDEX CONCURRENTLY", since: 12, on: version) }
        let relation = body["relation"]?.rangeVarName
        let target = ReindexTarget(parserName: body["kind"]?.stringValue)
        guard let relation, target == .index || target == .table else {
            throw UnclassifiedStatement(
                reason: "REINDEX \(target.rawValue.uppercased()) locks every table in turn; not modelled",
                transactional: false)
        }
        builder.facts = .reindex(ReindexFacts(target: target, relation: relation, concurrent: concurrent))
        builder.record(.scan("rebuilds each index from a full table scan"))
        if concurrent {
            builder.transactional = false
            reindexConcurrently(target, relation, into: &builder)
            return
        }
        if version >= 14 { builder.note(.notTransactionalIfPartitioned(relation)) }
        if target == .index {
            builder.lock(.tableOfIndex(relation), .share, as: .target, "REINDEX locks the table before the index")
            builder.lock(relation, .accessExclusive, as: .index, "REINDEX INDEX rebuilds the index")
        } else {
            builder.lock(relation, .share, as: .target, "REINDEX TABLE blocks writes")
            builder.lock(.indexes(of: relation), .accessExclusive, as: .index, "REINDEX TABLE rebuilds each index")
        }
    }

    private func reindexConcurrently(_ target: ReindexTarget, _ relation: RelationName, into builder: inout AnalysisBuilder) {
        let reason = "REINDEX CONCURRENTLY: session lock across its transactions"
        if target == .index {
            builder.lock(.tableOfIndex(relation), .shareUpdateExclusive, as: .target, reason, duration: .session)
            builder.lock(relation, .shareUpdateExclusive, as: .index, reason, duration: .session)
        } else {
            builder.lock(relation, .shareUpdateExclusive, as: .target, reason, duration: .session)
            builder.lock(.indexes(of: relation), .shareUpdateExclusive, as: .index, reason, duration: .session)
        }
    }
}
