import OnlineDDLLocking
import OnlineDDLParsing

/// The lock mode of each `ALTER TABLE` subcommand, as tablecmds.c `AlterTableGetLockLevel`
/// assigns it on PostgreSQL 11 to 18. The statement takes the strongest mode of its
/// subcommands, and at least `SHARE UPDATE EXCLUSIVE`.
enum AlterTableLockLevels {
    /// Subcommands that only affect writes: `SHARE ROW EXCLUSIVE`.
    static let triggerSubcommands: Set<String> = [
        "AT_EnableTrig", "AT_EnableAlwaysTrig", "AT_EnableReplicaTrig", "AT_EnableTrigAll",
        "AT_EnableTrigUser", "AT_DisableTrig", "AT_DisableTrigAll", "AT_DisableTrigUser",
    ]

    /// Subcommands that only change maintenance or planning strategy: `SHARE UPDATE EXCLUSIVE`.
    static let shareUpdateExclusiveSubcommands: Set<String> = [
        "AT_SetStatistics", "AT_ClusterOn", "AT_DropCluster", "AT_SetOptions", "AT_ResetOptions",
        "AT_ValidateConstraint",
    ]

    /// Subcommands that need `ACCESS EXCLUSIVE`.
    static let accessExclusiveSubcommands: Set<String> = [
        "AT_AddColumn", "AT_SetTableSpace", "AT_AlterColumnType", "AT_SetStorage", "AT_DropConstraint",
        "AT_DropNotNull", "AT_DropColumn", "AT_DropOids", "AT_EnableAlwaysRule", "AT_EnableReplicaRule",
        "AT_EnableRule", "AT_DisableRule", "AT_ChangeOwner", "AT_GenericOptions", "AT_AlterColumnGenericOptions",
        "AT_ColumnDefault", "AT_AlterConstraint", "AT_ReplicaIdentity", "AT_SetNotNull", "AT_EnableRowSecurity",
        "AT_DisableRowSecurity", "AT_ForceRowSecurity", "AT_NoForceRowSecurity", "AT_AddIdentity",
        "AT_DropIdentity", "AT_SetIdentity", "AT_AddInherit", "AT_DropInherit", "AT_AddOf", "AT_DropOf",
        "AT_SetLogged", "AT_SetUnLogged", "AT_DropExpression", "AT_SetCompression", "AT_SetAccessMethod",
        "AT_SetExpression",
    ]

    /// The first version whose grammar has a newer subcommand.
    static let introducedIn: [String: Int] = [
        "AT_DropExpression": 13, "AT_SetCompression": 14, "AT_SetAccessMethod": 15, "AT_SetExpression": 17,
    ]

    /// The mode of one subcommand body on `version`.
    static func mode(of command: ParseNode, kind: String, version: Int) throws(UnclassifiedStatement) -> LockMode {
        if let since = introducedIn[kind] {
            try UnclassifiedStatement.require(AlterTableSubcommandNames.sqlName(of: kind), since: since, on: version)
        }
        if triggerSubcommands.contains(kind) { return .shareRowExclusive }
        if shareUpdateExclusiveSubcommands.contains(kind) { return .shareUpdateExclusive }
        if accessExclusiveSubcommands.contains(kind) { return .accessExclusive }
        switch kind {
        case "AT_AddConstraint":
            let isForeignKey = command["def"]?.typed("Constraint")?["contype"]?.stringValue == "CONSTR_FOREIGN"
            return isForeignKey ? .shareRowExclusive : .accessExclusive
        case "AT_SetRelOptions", "AT_ResetRelOptions":
            return StorageParameterLockLevels.mode(for: storageParameterNames(of: command))
        case "AT_AttachPartition":
            return version >= 12 ? .shareUpdateExclusive : .accessExclusive
        case "AT_DetachPartition":
            let concurrent = command["def"]?.typed("PartitionCmd")?.flag("concurrent") ?? false
            if concurrent { try UnclassifiedStatement.require("DETACH PARTITION … CONCURRENTLY", since: 14, on: version) }
            return concurrent ? .shareUpdateExclusive : .accessExclusive
        case "AT_DetachPartitionFinalize":
            try UnclassifiedStatement.require("DETACH PARTITION … FINALIZE", since: 14, on: version)
            return .shareUpdateExclusive
        default:
            throw UnclassifiedStatement(reason: "ALTER TABLE subcommand \(kind) is not modelled")
        }
    }

    /// The option names of a `SET (…)`/`RESET (…)` subcommand (namespace dropped).
    static func storageParameterNames(of command: ParseNode) -> [String] {
        command["def"]?.typed("List")?["items"]?.defElemNames ?? []
    }
}
