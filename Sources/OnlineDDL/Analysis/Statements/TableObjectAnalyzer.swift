import OnlineDDLParsing

/// Statements about objects attached to a table: triggers (trigger.c
/// `CreateTriggerFiringOn`), policies (policy.c), rules (parse_utilcmd.c
/// `transformRuleStmt`), comments (comment.c `CommentObject`), grants (aclchk.c
/// `objectNamesToOids`) and extended statistics (statscmds.c `CreateStatistics`).
struct TableObjectAnalyzer {
    let version: Int

    func analyzeCreateTrigger(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let rangeVar = body["relation"], let table = rangeVar.rangeVarName else {
            throw UnclassifiedStatement(reason: "CREATE TRIGGER without a table")
        }
        builder.lock(table, .shareRowExclusive, as: .target, "CREATE TRIGGER")
        if let other = body["constrrel"]?.rangeVarName {
            builder.lock(other, .accessShare, as: .referencedTable, "FROM: the constraint trigger's other table")
        }
        if body.flag("row"), rangeVar.rangeVarIncludesDescendants {
            builder.lock(.descendants(of: table), .shareRowExclusive, as: .descendant,
                         "a row trigger on a partitioned table is cloned onto each partition")
        }
    }

    func analyzePolicy(_ body: ParseNode, creating: Bool, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let table = body["table"]?.rangeVarName else {
            throw UnclassifiedStatement(reason: "policy statement without a table")
        }
        builder.lock(table, .accessExclusive, as: .target, creating ? "CREATE POLICY" : "ALTER POLICY")
    }

    func analyzeCreateRule(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let table = body["relation"]?.rangeVarName else {
            throw UnclassifiedStatement(reason: "CREATE RULE without a table")
        }
        builder.lock(table, .accessExclusive, as: .target, "CREATE RULE")
        var collector = QueryLockCollector()
        for action in body["actions"]?.elements ?? [] { collector.collect(statement: action) }
        for access in collector.accesses {
            builder.lock(access.relation, access.mode, as: access.role, "named in the rule's action")
        }
    }

    func analyzeComment(_ body: ParseNode, into builder: inout AnalysisBuilder) {
        let objectType = body.objectType("objtype")
        let parts = body["object"]?.typed("List")?["items"]?.stringList ?? []
        builder.record(.none("stores the comment in the catalog"))
        switch objectType {
        case .table, .view, .materializedView, .index, .sequence, .foreignTable:
            guard let relation = ParseNode.relationName(fromQualifiedName: parts) else { return }
            let role = objectType.relationKind?.targetRole ?? .target
            builder.lock(relation, .shareUpdateExclusive, as: role, "COMMENT ON")
        case .column:
            guard let relation = ParseNode.relationName(fromQualifiedName: Array(parts.dropLast())) else { return }
            builder.lock(relation, .shareUpdateExclusive, as: .target, "COMMENT ON COLUMN")
        case .tableConstraint, .trigger, .policy, .rule:
            guard let relation = ParseNode.relationName(fromQualifiedName: Array(parts.dropLast())) else { return }
            builder.lock(relation, .accessShare, as: .target, "COMMENT ON: looks the object up on its table")
        default:
            break
        }
    }

    func analyzeGrant(_ body: ParseNode, into builder: inout AnalysisBuilder) {
        builder.record(.none("changes privileges in the catalog"))
        let objectType = body.objectType("objtype")
        guard version >= 18, body.grantsOnNamedObjects, objectType == .table || objectType == .sequence else { return }
        for relation in (body["objects"]?.elements ?? []).compactMap({ $0.typed("RangeVar")?.rangeVarName }) {
            builder.lock(relation, .accessShare, as: .target, "GRANT/REVOKE looks the relation up (PostgreSQL 18+)")
        }
    }

    func analyzeCreateStatistics(_ body: ParseNode, into builder: inout AnalysisBuilder) {
        builder.record(.none("defines the statistics; ANALYZE gathers them later"))
        for relation in (body["relations"]?.elements ?? []).compactMap({ $0.typed("RangeVar")?.rangeVarName }) {
            builder.lock(relation, .shareUpdateExclusive, as: .target, "CREATE STATISTICS")
        }
    }
}
