import OnlineDDLParsing

/// `ALTER … RENAME` and `ALTER … SET SCHEMA` (tablecmds.c `RenameRelation`, `renameatt`,
/// `RenameConstraint`, `AlterTableNamespace`; trigger.c `renametrig`; policy.c
/// `rename_policy`; rewriteDefine.c `RenameRewriteRule`).
///
/// Renaming a relation, column, constraint, trigger, policy or rule takes `ACCESS EXCLUSIVE`
/// on the relation; renaming an index with `ALTER INDEX` takes `SHARE UPDATE EXCLUSIVE`
/// from PostgreSQL 12 (`ALTER TABLE … RENAME` of an index still takes `ACCESS EXCLUSIVE`).
/// Column and constraint renames recurse to descendants unless `ONLY`, trigger renames to
/// partitions from PostgreSQL 15. Objects that are not relations lock no table.
struct RenameAnalyzer {
    let version: Int

    /// Object types whose rename or move locks no table.
    private static let typesWithoutTableLocks: Set<ObjectType> = [
        .schema, .function, .procedure, .routine, .aggregate, .type, .domain, .domainConstraint, .collation,
        .conversion, .role, .tablespace, .database, .statistics, .language, .extension, .operator,
    ]

    func analyzeRename(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        let renameType = body.objectType("renameType")
        let rangeVar = body["relation"]
        let relation = rangeVar?.rangeVarName
        let newName = body["newname"]?.stringValue ?? ""
        builder.facts = .rename(RenameFacts(
            objectType: renameType, relation: relation, oldName: body["subname"]?.stringValue, newName: newName))
        builder.record(.none("renames in the catalog only"))
        if Self.typesWithoutTableLocks.contains(renameType) { return }
        guard let relation else { throw UnclassifiedStatement(reason: "RENAME of \(renameType.parserName) is not modelled") }
        let includesDescendants = rangeVar?.rangeVarIncludesDescendants ?? false
        switch renameType {
        case .index:
            builder.lock(relation, version >= 12 ? .shareUpdateExclusive : .accessExclusive, as: .index, "ALTER INDEX … RENAME")
        case .table, .foreignTable, .view, .materializedView, .sequence:
            builder.lock(relation, .accessExclusive, as: renameType.relationKind?.targetRole ?? .target, "ALTER … RENAME")
        case .column, .tableConstraint:
            let what = renameType == .column ? "column" : "constraint"
            builder.lock(relation, .accessExclusive, as: .target, "RENAME \(what.uppercased())")
            if includesDescendants {
                builder.lock(.descendants(of: relation), .accessExclusive, as: .descendant,
                             "renames the inherited \(what) in children and partitions")
            }
        case .trigger:
            builder.lock(relation, .accessExclusive, as: .target, "ALTER TRIGGER … RENAME")
            if version >= 15 {
                builder.lock(.descendants(of: relation), .accessExclusive, as: .descendant,
                             "renames the trigger's clones on partitions")
            }
        case .policy, .rule:
            builder.lock(relation, .accessExclusive, as: .target, "ALTER … RENAME of a policy or rule")
        default:
            throw UnclassifiedStatement(reason: "RENAME of \(renameType.parserName) is not modelled")
        }
    }

    func analyzeSetSchema(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        let objectType = body.objectType("objectType")
        builder.record(.none("moves the object in the catalog only"))
        if Self.typesWithoutTableLocks.contains(objectType) { return }
        guard let role = objectType.relationKind?.targetRole, objectType != .index,
              let relation = body["relation"]?.rangeVarName else {
            throw UnclassifiedStatement(reason: "SET SCHEMA of \(objectType.parserName) is not modelled")
        }
        builder.lock(relation, .accessExclusive, as: role, "ALTER … SET SCHEMA")
        builder.lock(.ownedSequences(of: relation), .accessExclusive, as: .sequence, "owned sequences move with it")
    }
}
