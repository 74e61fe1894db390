import OnlineDDLParsing

/// `VACUUM`, `ANALYZE` and `CLUSTER` (vacuum.c `vacuum`, `expand_vacuum_rel`, `vacuum_rel`;
/// analyze.c `analyze_rel`; cluster.c `cluster`, `cluster_rel`).
///
/// `VACUUM` first looks each table up under a transient `ACCESS SHARE`, then processes each
/// one in its own transaction: `SHARE UPDATE EXCLUSIVE` (plain, never blocking reads or
/// writes; each index gets `ROW EXCLUSIVE`) or `ACCESS EXCLUSIVE` (`FULL`, a rewrite), with
/// `ANALYZE` in a further transaction. It cannot run in a transaction block. `ANALYZE` alone
/// runs in the current transaction. `CLUSTER` rewrites the table under `ACCESS EXCLUSIVE`.
/// Trailing-page truncation by `VACUUM` tries a conditional `ACCESS EXCLUSIVE` that never
/// waits, so it is not listed.
struct MaintenanceAnalyzer {
    let version: Int

    func analyzeVacuum(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        let vacuums = body.flag("is_vacuumcmd")
        let options = (body["options"]?.elements ?? []).compactMap { $0.typed("DefElem") }
        let names = options.compactMap { $0["defname"]?.stringValue }
        let full = options.contains { $0["defname"]?.stringValue == "full" && $0["arg"]?.constantText != "false" }
        let analyzes = !vacuums || names.contains("analyze")
        let tables = (body["rels"]?.elements ?? []).compactMap { node -> TableReference? in
            guard let rangeVar = node.typed("VacuumRelation")?["relation"], let relation = rangeVar.rangeVarName else { return nil }
            return TableReference(relation: relation, includesDescendants: rangeVar.rangeVarIncludesDescendants)
        }
        let relations = tables.map(\.relation)
        guard !relations.isEmpty else {
            throw UnclassifiedStatement(
                reason: "\(vacuums ? "VACUUM" : "ANALYZE") without tables processes every table in turn; not modelled",
                transactional: !vacuums)
        }
        builder.facts = .vacuum(VacuumFacts(vacuums: vacuums, analyzes: analyzes, full: full, relations: relations, options: names))
        for relation in relations {
            builder.lock(relation, .accessShare, as: .target, "looks the table up", duration: .released)
        }
        guard vacuums else {
            builder.record(.none("ANALYZE reads a bounded random sample of rows"))
            for table in tables {
                let relation = table.relation
                builder.lock(relation, .shareUpdateExclusive, as: .target, "ANALYZE")
                builder.lock(.indexesOfEach(.storageRelations(of: relation, includingDescendants: false)), .accessShare,
                             as: .index, "ANALYZE opens the indexes")
                if table.includesDescendants {
                    builder.lock(processedDescendants(of: relation), .shareUpdateExclusive, as: .descendant,
                                 "partitions (and from PostgreSQL 18 inheritance children) are analyzed too")
                    builder.lock(.indexesOfEach(version >= 18 ? .leafDescendants(of: relation) : .leafPartitions(of: relation)),
                                 .accessShare, as: .index, "ANALYZE opens each processed child's indexes")
                    builder.lock(.leafDescendants(of: relation), .accessShare, as: .descendant,
                                 "samples inheritance children and partitions")
                }
            }
            return
        }
        builder.transactional = false
        builder.record(full ? .rewrite("VACUUM FULL rewrites the table") : .scan("VACUUM reads the table without blocking reads or writes"))
        var transaction = 1
        for table in tables {
            let relation = table.relation
            transaction += 1
            if full {
                builder.lock(relation, .accessExclusive, as: .target, "VACUUM FULL", transaction: transaction)
                builder.lock(relation, .share, as: .target, "index rebuild after the rewrite", transaction: transaction)
                builder.lock(.indexes(of: relation), .accessExclusive, as: .index, "index rebuild after the rewrite",
                             transaction: transaction)
            } else {
                builder.lock(relation, .shareUpdateExclusive, as: .target, "VACUUM", transaction: transaction)
                builder.lock(.indexes(of: relation), .rowExclusive, as: .index, "vacuums each index", transaction: transaction)
            }
            if analyzes {
                transaction += 1
                builder.lock(relation, .shareUpdateExclusive, as: .target, "ANALYZE after VACUUM", transaction: transaction)
            }
            if table.includesDescendants {
                transaction += 1
                builder.lock(processedDescendants(of: relation), full ? .accessExclusive : .shareUpdateExclusive, as: .descendant,
                             "partitions (and from PostgreSQL 18 inheritance children), each in its own transaction",
                             transaction: transaction)
            }
        }
    }

    /// The children `VACUUM` and `ANALYZE` process on their own: partitions, and from
    /// PostgreSQL 18 inheritance children too (unless `ONLY`).
    private func processedDescendants(of relation: RelationName) -> CatalogLookup {
        version >= 18 ? .descendants(of: relation) : .partitions(of: relation)
    }

    func analyzeCluster(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let table = body["relation"]?.rangeVarName else {
            throw UnclassifiedStatement(
                reason: "CLUSTER without a table reclusters every previously clustered table; not modelled",
                transactional: false)
        }
        let index = body["indexname"]?.stringValue.map(table.sibling(named:))
        builder.facts = .cluster(ClusterFacts(table: table, index: index))
        builder.record(.rewrite("CLUSTER rewrites the table in index order"))
        if version >= 15 { builder.note(.notTransactionalIfPartitioned(table)) }
        builder.lock(table, .accessExclusive, as: .target, "CLUSTER")
        if let index {
            builder.lock(index, .accessExclusive, as: .index, "CLUSTER … USING: the index followed")
            builder.lock(.indexes(of: table), .accessShare, as: .index,
                         "the planner opens every index to choose between sorting and an index scan")
        }
        builder.lock(table, .share, as: .target, "index rebuild after the rewrite")
        builder.lock(.indexes(of: table), .accessExclusive, as: .index, "index rebuild after the rewrite")
    }
}
