import OnlineDDLLocking
import OnlineDDLParsing

/// The lock mode of each `ALTER TABLE` subcommand, as tablecmds.c `AlterTableGetLockLevel`
/// assigns it on PostgreSQL 11 to 18 (the table is ``AlterTableSubcommandKind``'s). The
/// statement takes the strongest mode of its subcommands, and at least `SHARE UPDATE EXCLUSIVE`.
enum AlterTableLockLevels {
    /// The mode of one subcommand body on `version`.
    static func mode(of command: ParseNode, kind: AlterTableSubcommandKind, version: Int) throws(UnclassifiedStatement) -> LockMode {
        if let since = kind.introducedIn {
            try UnclassifiedStatement.require(kind.sqlName, since: since, on: version)
        }
        switch kind.lockLevel {
        case .fixed(let mode):
            return mode
        case .since(let minimum, let mode, let before):
            return version >= minimum ? mode : before
        case .byConstraintType:
            let isForeignKey = command["def"]?.typed("Constraint")?.constraintKind == .foreignKey
            return isForeignKey ? .shareRowExclusive : .accessExclusive
        case .byStorageParameters:
            return StorageParameterLockLevels.mode(for: storageParameterNames(of: command))
        case .byConcurrently:
            let concurrent = command["def"]?.typed("PartitionCmd")?.flag("concurrent") ?? false
            if concurrent { try UnclassifiedStatement.require("DETACH PARTITION … CONCURRENTLY", since: 14, on: version) }
            return concurrent ? .shareUpdateExclusive : .accessExclusive
        case .notModelled:
            throw UnclassifiedStatement(reason: "ALTER TABLE subcommand \(kind.sqlName) is not modelled")
        }
    }

    /// The option names of a `SET (…)`/`RESET (…)` subcommand (namespace dropped).
    static func storageParameterNames(of command: ParseNode) -> [String] {
        command["def"]?.typed("List")?["items"]?.defElemNames ?? []
    }
}
