import OnlineDDLParsing

/// `TRUNCATE` (tablecmds.c `ExecuteTruncate`, `ExecuteTruncateGuts`): `ACCESS EXCLUSIVE` on
/// each table in order, each followed by its descendants unless `ONLY`; then the tables that
/// `CASCADE` adds, and the owned sequences `RESTART IDENTITY` resets; then, per table, the
/// index rebuild on the new empty files (`SHARE` on the table, `ACCESS EXCLUSIVE` on each
/// index).
struct TruncateAnalyzer {
    func analyze(_ body: ParseNode, into builder: inout AnalysisBuilder) {
        let tables = (body["relations"]?.elements ?? []).compactMap { node -> TableReference? in
            guard let rangeVar = node.typed("RangeVar"), let relation = rangeVar.rangeVarName else { return nil }
            return TableReference(relation: relation, includesDescendants: rangeVar.rangeVarIncludesDescendants)
        }
        let cascade = body.cascades
        let restartIdentity = body.flag("restart_seqs")
        builder.facts = .truncate(TruncateFacts(tables: tables, cascade: cascade, restartIdentity: restartIdentity))
        builder.record(.none("swaps in new, empty files; reads no rows"))
        for table in tables {
            builder.lock(table.relation, .accessExclusive, as: .target, "TRUNCATE")
            if table.includesDescendants {
                builder.lock(.descendants(of: table.relation), .accessExclusive, as: .descendant,
                             "TRUNCATE without ONLY empties inheritance children and partitions")
            }
        }
        if cascade {
            for table in tables {
                builder.lock(.referencingTables(of: table.relation), .accessExclusive, as: .referencingTable,
                             "CASCADE truncates the tables that reference it")
            }
        }
        if restartIdentity {
            for table in tables {
                builder.lock(.ownedSequences(of: table.relation), .accessExclusive, as: .sequence,
                             "RESTART IDENTITY resets the owned sequences")
                builder.lock(.ownedSequences(of: table.relation), .rowExclusive, as: .sequence,
                             "RESTART IDENTITY opens each sequence to reset it")
            }
        }
        for table in tables {
            let emptied = CatalogLookup.storageRelations(of: table.relation, includingDescendants: table.includesDescendants)
            builder.lock(emptied, .share, as: .target, "index rebuild on the new, empty files")
            builder.lock(.indexesOfEach(emptied), .accessExclusive, as: .index, "index rebuild on the new, empty files")
        }
    }
}
