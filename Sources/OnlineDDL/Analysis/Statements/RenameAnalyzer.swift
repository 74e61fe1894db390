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

    private static let relationTypes: [String: LockRole] = [
        "OBJECT_TABLE": .target, "OBJECT_FOREIGN_TABLE": .target, "OBJECT_VIEW": .view,
        "OBJECT_MATVIEW": .materializedView, "OBJECT_SEQUENCE": .sequence, "OBJECT_INDEX": .index,
    ]

    /// Object types whose rename or move locks no table.
    private static let typesWithoutTableLocks: Set<String> = [
        "OBJECT_SCHEMA", "OBJECT_FUNCTION", "OBJECT_PROCEDURE", "OBJECT_ROUTINE", "OBJECT_AGGREGATE",
        "OBJECT_TYPE", "OBJECT_DOMAIN", "OBJECT_DOMCONSTRAINT", "OBJECT_COLLATION", "OBJECT_CONVERSION",
        "OBJECT_ROLE", "OBJECT_TABLESPACE", "OBJECT_DATABASE", "OBJECT_STATISTIC_EXT", "OBJECT_LANGUAGE",
        "OBJECT_EXTENSION", "OBJECT_OPERATOR",
    ]

    func analyzeRename(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        let renameType = body["renameType"]?.stringValue ?? ""
        let rangeVar = body["relation"]
        let relation = rangeVar?.rangeVarName
        let newName = body["newname"]?.stringValue ?? ""
        builder.facts = .rename(RenameFacts(
            objectType: renameType, relation: relation, oldName: body["subname"]?.stringValue, newName: newName))
        builder.record(.none("renames in the catalog only"))
        if Self.typesWithoutTableLocks.contains(renameType) { return }
        guard let relation else { throw UnclassifiedStatement(reason: "RENAME of \(renameType) is not modelled") }
        let includesDescendants = rangeVar?.rangeVarIncludesDescendants ?? false
        switch renameType {
        case "OBJECT_INDEX":
            builder.lock(relation, version >= 12 ? .shareUpdateExclusive : .accessExclusive, as: .index, "ALTER INDEX … RENAME")
        case _ where Self.relationTypes[renameType] != nil:
            builder.lock(relation, .accessExclusive, as: Self.relationTypes[renameType] ?? .target, "ALTER … RENAME")
        case "OBJECT_COLUMN", "OBJECT_TABCONSTRAINT":
            let what = renameType == "OBJECT_COLUMN" ? "column" : "constraint"
            builder.lock(relation, .accessExclusive, as: .target, "RENAME \(what.uppercased())")
            if includesDescendants {
                builder.lock(.descendants(of: relation), .accessExclusive, as: .descendant,
                             "renames the inherited \(what) in children and partitions")
            }
        case "OBJECT_TRIGGER":
            builder.lock(relation, .accessExclusive, as: .target, "ALTER TRIGGER … RENAME")
            if version >= 15 {
                builder.lock(.descendants(of: relation), .accessExclusive, as: .descendant,
                             "renames the trigger's clones on partitions")
            }
        case "OBJECT_POLICY", "OBJECT_RULE":
            builder.lock(relation, .accessExclusive, as: .target, "ALTER … RENAME of a policy or rule")
        default:
            throw UnclassifiedStatement(reason: "RENAME of \(renameType) is not modelled")
        }
    }

    func analyzeSetSchema(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        let objectType = body["objectType"]?.stringValue ?? ""
        builder.record(.none("moves the object in the catalog only"))
        if Self.typesWithoutTableLocks.contains(objectType) { return }
        guard let role = Self.relationTypes[objectType], objectType != "OBJECT_INDEX",
              let relation = body["relation"]?.rangeVarName else {
            throw UnclassifiedStatement(reason: "SET SCHEMA of \(objectType) is not modelled")
        }
        builder.lock(relation, .accessExclusive, as: role, "ALTER … SET SCHEMA")
        builder.lock(.ownedSequences(of: relation), .accessExclusive, as: .sequence, "owned sequences move with it")
    }
}
