import OnlineDDLLocking
import OnlineDDLParsing

/// `ALTER TABLE` and its relatives (`ALTER INDEX/VIEW/MATERIALIZED VIEW/FOREIGN TABLE`, and
/// `ALTER SEQUENCE … OWNER TO`).
///
/// utility.c computes the strongest mode of all subcommands (`AlterTableGetLockLevel`) and
/// locks the relation with it first. Recursing subcommands then lock the descendants in the
/// same mode (phase 1); subcommands lock other relations pass by pass (phase 2); the
/// rewrite or scan and the foreign-key validation come last (phase 3).
struct AlterTableAnalyzer {
    let version: Int

    func analyze(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let rangeVar = body["relation"], let relation = rangeVar.rangeVarName else {
            throw UnclassifiedStatement(reason: "ALTER TABLE without a relation")
        }
        let objectType = body["objtype"]?.stringValue ?? ""
        guard let relationKind = RelationKind(objectType: objectType) else {
            throw UnclassifiedStatement(reason: "ALTER of \(objectType) is not modelled")
        }
        let commands = (body["cmds"]?.elements ?? []).compactMap { $0.typed("AlterTableCmd") }
        var mode = LockMode.shareUpdateExclusive
        for command in commands {
            let kind = command.subcommandKind ?? .unknown("")
            mode = max(mode, try AlterTableLockLevels.mode(of: command, kind: kind, version: version))
        }
        let planner = AlterTableSubcommandAnalyzer(
            version: version, relation: relation, relationKind: relationKind,
            includesDescendants: rangeVar.rangeVarIncludesDescendants, statementMode: mode)
        var plans: [AlterTableSubcommandPlan] = []
        for command in commands { plans.append(try planner.plan(command)) }

        let keyword = relationKind.alterKeyword
        let written = plans.map(\.subcommand.kind.sqlName).joined(separator: ", ")
        builder.lock(relation, mode, as: relationKind.targetRole, "\(keyword) … \(written)")
        let recursing = rangeVar.rangeVarIncludesDescendants
            && (relationKind == .table || relationKind == .foreignTable)
            && plans.contains { $0.subcommand.recursesWithoutOnly }
        if recursing {
            builder.lock(.descendants(of: relation), mode, as: .descendant,
                         "subcommands recurse to inheritance children and partitions (no ONLY)")
        }
        let ordered = plans.flatMap(\.locks).enumerated()
            .sorted { ($0.element.pass, $0.offset) < ($1.element.pass, $1.offset) }
            .map(\.element.step)
        builder.append(ordered)

        for plan in plans {
            builder.record(plan.subcommand.dataWork)
            plan.caveats.forEach { builder.note($0) }
        }
        builder.transactional = !plans.contains { $0.forbidsTransactionBlock }
        builder.facts = .alterTable(AlterTableFacts(
            relation: relation, relationKind: relationKind, recursesToDescendants: rangeVar.rangeVarIncludesDescendants,
            missingOk: body.flag("missing_ok"), subcommands: plans.map(\.subcommand)))
    }
}
