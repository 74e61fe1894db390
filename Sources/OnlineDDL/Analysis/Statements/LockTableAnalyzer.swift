import OnlineDDLLocking
import OnlineDDLParsing

/// `LOCK TABLE` (lockcmds.c `LockTableCommand`): the requested mode (default
/// `ACCESS EXCLUSIVE`) on each table in the order written, each followed by its descendants
/// unless `ONLY`, or by a view's base relations (PostgreSQL 11+). `NOWAIT` fails at once
/// instead of waiting. Outside a transaction block the statement fails.
struct LockTableAnalyzer {
    func analyze(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        let rawMode = body["mode"]?.intValue ?? Int(LockMode.accessExclusive.rawValue)
        guard let mode = UInt8(exactly: rawMode).flatMap(LockMode.init(rawValue:)) else {
            throw UnclassifiedStatement(reason: "LOCK TABLE with unknown mode \(rawMode)")
        }
        let noWait = body.flag("nowait")
        let tables = (body["relations"]?.elements ?? []).compactMap { node -> TableReference? in
            guard let rangeVar = node.typed("RangeVar"), let relation = rangeVar.rangeVarName else { return nil }
            return TableReference(relation: relation, includesDescendants: rangeVar.rangeVarIncludesDescendants)
        }
        builder.facts = .lockTable(LockTableFacts(tables: tables, mode: mode, noWait: noWait))
        builder.record(.none("takes locks only"))
        for table in tables {
            builder.lock(table.relation, mode, as: .target, "LOCK TABLE … IN \(mode.sqlName) MODE", noWait: noWait)
            builder.lock(.viewBaseRelations(of: table.relation), mode, as: .source,
                         "a view's base relations are locked too")
            if table.includesDescendants {
                builder.lock(.descendants(of: table.relation), mode, as: .descendant,
                             "inheritance children and partitions (no ONLY)")
            }
        }
    }
}
