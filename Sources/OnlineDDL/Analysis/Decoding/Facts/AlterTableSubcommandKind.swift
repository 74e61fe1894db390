import OnlineDDLLocking

/// The type of one `ALTER TABLE` subcommand (libpg_query's `AlterTableType`), with everything
/// the analyzer knows about it in one table (``traits``): its SQL spelling, the lock mode
/// tablecmds.c `AlterTableGetLockLevel` gives it on PostgreSQL 11 to 18, the first version
/// whose grammar has it, the pass that takes its locks on other relations, whether it names
/// a column, and whether it recurses to descendants.
public enum AlterTableSubcommandKind: Hashable, Sendable {
    case addColumn, columnDefault, dropNotNull, setNotNull, dropExpression, setExpression
    case setStatistics, setOptions, resetOptions, setStorage, setCompression, dropColumn
    case addConstraint, alterConstraint, validateConstraint, dropConstraint
    case alterColumnType, alterColumnGenericOptions, changeOwner, clusterOn, dropCluster
    case setLogged, setUnlogged, dropOids, setAccessMethod, setTableSpace, setRelOptions, resetRelOptions
    case enableTrigger, enableAlwaysTrigger, enableReplicaTrigger, enableTriggerAll, enableTriggerUser
    case disableTrigger, disableTriggerAll, disableTriggerUser
    case enableRule, enableAlwaysRule, enableReplicaRule, disableRule
    case addInherit, dropInherit, addOf, dropOf, replicaIdentity
    case enableRowSecurity, disableRowSecurity, forceRowSecurity, noForceRowSecurity, genericOptions
    case attachPartition, detachPartition, detachPartitionFinalize
    case addIdentity, setIdentity, dropIdentity
    /// A subcommand the analyzer does not model (libpg_query's name), such as one of a
    /// newer grammar: the statement is reported as unclassified.
    case unknown(String)

    /// `"ADD COLUMN"` for ``addColumn``; libpg_query's name when unknown.
    public var sqlName: String { traits.sqlName }

    /// The first PostgreSQL major version whose grammar has the subcommand, if newer than 11.
    var introducedIn: Int? { traits.introducedIn }

    /// The mode `AlterTableGetLockLevel` assigns, or what it depends on.
    var lockLevel: AlterTableLockLevel { traits.lockLevel }

    /// The pass (phase 2) that takes the subcommand's own locks on other relations: tablecmds.c
    /// `ATPrepCmd`'s pass, where ``AlterTablePass`` has it. The passes it does not model
    /// (`AT_PASS_ADD_COL`, `AT_PASS_COL_ATTRS`, `AT_PASS_SET_EXPRESSION`) are `misc`, and so is
    /// `ADD IDENTITY` (`AT_PASS_ADD_OTHERCONSTR` in PostgreSQL), whose one lock, `ACCESS SHARE`
    /// on the altered table, is already covered by the statement's lock.
    var pass: AlterTablePass { traits.pass }

    /// Whether the subcommand names a column in its `name` field.
    var namesColumn: Bool { traits.namesColumn }

    /// Whether the subcommand recurses to descendants unless `ONLY` is written.
    var recursion: AlterTableRecursion { traits.recursion }

    private var traits: Traits {
        let accessExclusive = AlterTableLockLevel.fixed(.accessExclusive)
        let shareUpdateExclusive = AlterTableLockLevel.fixed(.shareUpdateExclusive)
        let trigger = AlterTableLockLevel.fixed(.shareRowExclusive)
        switch self {
        case .addColumn: return Traits("ADD COLUMN", accessExclusive, recursion: .always)
        case .columnDefault: return Traits("ALTER COLUMN … SET/DROP DEFAULT", accessExclusive, column: true, recursion: .always)
        case .dropNotNull: return Traits("ALTER COLUMN … DROP NOT NULL", accessExclusive, .drop, column: true, recursion: .always)
        case .setNotNull: return Traits("ALTER COLUMN … SET NOT NULL", accessExclusive, column: true, recursion: .always)
        case .dropExpression:
            return Traits("ALTER COLUMN … DROP EXPRESSION", accessExclusive, .drop, column: true, recursion: .always, since: 13)
        case .setExpression:
            return Traits("ALTER COLUMN … SET EXPRESSION", accessExclusive, column: true, recursion: .always, since: 17)
        case .setStatistics: return Traits("ALTER COLUMN … SET STATISTICS", shareUpdateExclusive, column: true, recursion: .always)
        case .setOptions: return Traits("ALTER COLUMN … SET (…)", shareUpdateExclusive, column: true)
        case .resetOptions: return Traits("ALTER COLUMN … RESET (…)", shareUpdateExclusive, column: true)
        case .setStorage: return Traits("ALTER COLUMN … SET STORAGE", accessExclusive, column: true, recursion: .always)
        case .setCompression: return Traits("ALTER COLUMN … SET COMPRESSION", accessExclusive, column: true, since: 14)
        case .dropColumn: return Traits("DROP COLUMN", accessExclusive, .drop, column: true, recursion: .always)
        case .addConstraint: return Traits("ADD CONSTRAINT", .byConstraintType, .addConstraint, recursion: .unlessIndexBuilding)
        case .alterConstraint: return Traits("ALTER CONSTRAINT", accessExclusive, recursion: .always)
        case .validateConstraint: return Traits("VALIDATE CONSTRAINT", shareUpdateExclusive, recursion: .always)
        case .dropConstraint: return Traits("DROP CONSTRAINT", accessExclusive, .drop, recursion: .always)
        case .alterColumnType: return Traits("ALTER COLUMN … TYPE", accessExclusive, .alterType, column: true, recursion: .always)
        case .alterColumnGenericOptions: return Traits("ALTER COLUMN … OPTIONS", accessExclusive, column: true)
        case .changeOwner: return Traits("OWNER TO", accessExclusive)
        case .clusterOn: return Traits("CLUSTER ON", shareUpdateExclusive)
        case .dropCluster: return Traits("SET WITHOUT CLUSTER", shareUpdateExclusive)
        case .setLogged: return Traits("SET LOGGED", accessExclusive)
        case .setUnlogged: return Traits("SET UNLOGGED", accessExclusive)
        case .dropOids: return Traits("SET WITHOUT OIDS", accessExclusive, .drop)
        case .setAccessMethod: return Traits("SET ACCESS METHOD", accessExclusive, since: 15)
        case .setTableSpace: return Traits("SET TABLESPACE", accessExclusive)
        case .setRelOptions: return Traits("SET (…)", .byStorageParameters)
        case .resetRelOptions: return Traits("RESET (…)", .byStorageParameters)
        case .enableTrigger: return Traits("ENABLE TRIGGER", trigger, recursion: .always)
        case .enableAlwaysTrigger: return Traits("ENABLE ALWAYS TRIGGER", trigger, recursion: .always)
        case .enableReplicaTrigger: return Traits("ENABLE REPLICA TRIGGER", trigger, recursion: .always)
        case .enableTriggerAll: return Traits("ENABLE TRIGGER ALL", trigger, recursion: .always)
        case .enableTriggerUser: return Traits("ENABLE TRIGGER USER", trigger, recursion: .always)
        case .disableTrigger: return Traits("DISABLE TRIGGER", trigger, recursion: .always)
        case .disableTriggerAll: return Traits("DISABLE TRIGGER ALL", trigger, recursion: .always)
        case .disableTriggerUser: return Traits("DISABLE TRIGGER USER", trigger, recursion: .always)
        case .enableRule: return Traits("ENABLE RULE", accessExclusive)
        case .enableAlwaysRule: return Traits("ENABLE ALWAYS RULE", accessExclusive)
        case .enableReplicaRule: return Traits("ENABLE REPLICA RULE", accessExclusive)
        case .disableRule: return Traits("DISABLE RULE", accessExclusive)
        case .addInherit: return Traits("INHERIT", accessExclusive)
        case .dropInherit: return Traits("NO INHERIT", accessExclusive)
        case .addOf: return Traits("OF", accessExclusive)
        case .dropOf: return Traits("NOT OF", accessExclusive)
        case .replicaIdentity: return Traits("REPLICA IDENTITY", accessExclusive)
        case .enableRowSecurity: return Traits("ENABLE ROW LEVEL SECURITY", accessExclusive)
        case .disableRowSecurity: return Traits("DISABLE ROW LEVEL SECURITY", accessExclusive)
        case .forceRowSecurity: return Traits("FORCE ROW LEVEL SECURITY", accessExclusive)
        case .noForceRowSecurity: return Traits("NO FORCE ROW LEVEL SECURITY", accessExclusive)
        case .genericOptions: return Traits("OPTIONS (…)", accessExclusive)
        case .attachPartition:
            return Traits("ATTACH PARTITION", .since(12, .shareUpdateExclusive, before: .accessExclusive))
        case .detachPartition: return Traits("DETACH PARTITION", .byConcurrently)
        case .detachPartitionFinalize: return Traits("DETACH PARTITION … FINALIZE", shareUpdateExclusive, since: 14)
        case .addIdentity: return Traits("ALTER COLUMN … ADD IDENTITY", accessExclusive, column: true, recursion: .since(17))
        case .setIdentity: return Traits("ALTER COLUMN … SET (identity)", accessExclusive, column: true, recursion: .since(17))
        case .dropIdentity:
            return Traits("ALTER COLUMN … DROP IDENTITY", accessExclusive, .drop, column: true, recursion: .since(17))
        case .unknown(let name): return Traits(name, .notModelled)
        }
    }

    private struct Traits {
        let sqlName: String
        let lockLevel: AlterTableLockLevel
        let pass: AlterTablePass
        let namesColumn: Bool
        let recursion: AlterTableRecursion
        let introducedIn: Int?

        init(
            _ sqlName: String, _ lockLevel: AlterTableLockLevel, _ pass: AlterTablePass = .misc, column: Bool = false,
            recursion: AlterTableRecursion = .never, since introducedIn: Int? = nil
        ) {
            self.sqlName = sqlName
            self.lockLevel = lockLevel
            self.pass = pass
            self.namesColumn = column
            self.recursion = recursion
            self.introducedIn = introducedIn
        }
    }
}

/// The lock mode of an `ALTER TABLE` subcommand (tablecmds.c `AlterTableGetLockLevel`).
enum AlterTableLockLevel: Hashable {
    /// The same mode on every version.
    case fixed(LockMode)
    /// One mode from a version on, another before.
    case since(Int, LockMode, before: LockMode)
    /// `ADD CONSTRAINT`: `SHARE ROW EXCLUSIVE` for a foreign key, `ACCESS EXCLUSIVE` otherwise.
    case byConstraintType
    /// `SET (…)`/`RESET (…)`: the strongest mode of the options (`AlterTableGetRelOptionsLockLevel`).
    case byStorageParameters
    /// `DETACH PARTITION`: `SHARE UPDATE EXCLUSIVE` with `CONCURRENTLY` (PostgreSQL 14+), else `ACCESS EXCLUSIVE`.
    case byConcurrently
    /// A subcommand the analyzer does not model.
    case notModelled
}

/// Whether an `ALTER TABLE` subcommand recurses to inheritance children and partitions when
/// `ONLY` is omitted (tablecmds.c `ATPrepCmd`: `ATSimpleRecursion`, or recursion during execution).
enum AlterTableRecursion: Hashable {
    case never
    case always
    /// From the given PostgreSQL version on (identity subcommands, PostgreSQL 17).
    case since(Int)
    /// `ADD CONSTRAINT`, except constraints that build an index: their index is built on each
    /// partition under `SHARE` instead.
    case unlessIndexBuilding
}

extension AlterTableSubcommandKind {
    /// Decodes libpg_query's `"AT_…"` name; a name the analyzer does not model is ``unknown(_:)``.
    init(parserName: String) {
        switch parserName {
        case "AT_AddColumn": self = .addColumn
        case "AT_ColumnDefault": self = .columnDefault
        case "AT_DropNotNull": self = .dropNotNull
        case "AT_SetNotNull": self = .setNotNull
        case "AT_DropExpression": self = .dropExpression
        case "AT_SetExpression": self = .setExpression
        case "AT_SetStatistics": self = .setStatistics
        case "AT_SetOptions": self = .setOptions
        case "AT_ResetOptions": self = .resetOptions
        case "AT_SetStorage": self = .setStorage
        case "AT_SetCompression": self = .setCompression
        case "AT_DropColumn": self = .dropColumn
        case "AT_AddConstraint": self = .addConstraint
        case "AT_AlterConstraint": self = .alterConstraint
        case "AT_ValidateConstraint": self = .validateConstraint
        case "AT_DropConstraint": self = .dropConstraint
        case "AT_AlterColumnType": self = .alterColumnType
        case "AT_AlterColumnGenericOptions": self = .alterColumnGenericOptions
        case "AT_ChangeOwner": self = .changeOwner
        case "AT_ClusterOn": self = .clusterOn
        case "AT_DropCluster": self = .dropCluster
        case "AT_SetLogged": self = .setLogged
        case "AT_SetUnLogged": self = .setUnlogged
        case "AT_DropOids": self = .dropOids
        case "AT_SetAccessMethod": self = .setAccessMethod
        case "AT_SetTableSpace": self = .setTableSpace
        case "AT_SetRelOptions": self = .setRelOptions
        case "AT_ResetRelOptions": self = .resetRelOptions
        case "AT_EnableTrig": self = .enableTrigger
        case "AT_EnableAlwaysTrig": self = .enableAlwaysTrigger
        case "AT_EnableReplicaTrig": self = .enableReplicaTrigger
        case "AT_EnableTrigAll": self = .enableTriggerAll
        case "AT_EnableTrigUser": self = .enableTriggerUser
        case "AT_DisableTrig": self = .disableTrigger
        case "AT_DisableTrigAll": self = .disableTriggerAll
        case "AT_DisableTrigUser": self = .disableTriggerUser
        case "AT_EnableRule": self = .enableRule
        case "AT_EnableAlwaysRule": self = .enableAlwaysRule
        case "AT_EnableReplicaRule": self = .enableReplicaRule
        case "AT_DisableRule": self = .disableRule
        case "AT_AddInherit": self = .addInherit
        case "AT_DropInherit": self = .dropInherit
        case "AT_AddOf": self = .addOf
        case "AT_DropOf": self = .dropOf
        case "AT_ReplicaIdentity": self = .replicaIdentity
        case "AT_EnableRowSecurity": self = .enableRowSecurity
        case "AT_DisableRowSecurity": self = .disableRowSecurity
        case "AT_ForceRowSecurity": self = .forceRowSecurity
        case "AT_NoForceRowSecurity": self = .noForceRowSecurity
        case "AT_GenericOptions": self = .genericOptions
        case "AT_AttachPartition": self = .attachPartition
        case "AT_DetachPartition": self = .detachPartition
        case "AT_DetachPartitionFinalize": self = .detachPartitionFinalize
        case "AT_AddIdentity": self = .addIdentity
        case "AT_SetIdentity": self = .setIdentity
        case "AT_DropIdentity": self = .dropIdentity
        default: self = .unknown(parserName)
        }
    }
}
