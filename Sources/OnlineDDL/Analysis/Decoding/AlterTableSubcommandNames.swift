/// The SQL spelling of `ALTER TABLE` subcommands, for lock reasons.
enum AlterTableSubcommandNames {
    private static let names: [String: String] = [
        "AT_AddColumn": "ADD COLUMN", "AT_ColumnDefault": "ALTER COLUMN … SET/DROP DEFAULT",
        "AT_DropNotNull": "ALTER COLUMN … DROP NOT NULL", "AT_SetNotNull": "ALTER COLUMN … SET NOT NULL",
        "AT_DropExpression": "ALTER COLUMN … DROP EXPRESSION", "AT_SetExpression": "ALTER COLUMN … SET EXPRESSION",
        "AT_SetStatistics": "ALTER COLUMN … SET STATISTICS", "AT_SetOptions": "ALTER COLUMN … SET (…)",
        "AT_ResetOptions": "ALTER COLUMN … RESET (…)", "AT_SetStorage": "ALTER COLUMN … SET STORAGE",
        "AT_SetCompression": "ALTER COLUMN … SET COMPRESSION", "AT_DropColumn": "DROP COLUMN",
        "AT_AddConstraint": "ADD CONSTRAINT", "AT_AlterConstraint": "ALTER CONSTRAINT",
        "AT_ValidateConstraint": "VALIDATE CONSTRAINT", "AT_DropConstraint": "DROP CONSTRAINT",
        "AT_AlterColumnType": "ALTER COLUMN … TYPE", "AT_AlterColumnGenericOptions": "ALTER COLUMN … OPTIONS",
        "AT_ChangeOwner": "OWNER TO", "AT_ClusterOn": "CLUSTER ON", "AT_DropCluster": "SET WITHOUT CLUSTER",
        "AT_SetLogged": "SET LOGGED", "AT_SetUnLogged": "SET UNLOGGED", "AT_DropOids": "SET WITHOUT OIDS",
        "AT_SetAccessMethod": "SET ACCESS METHOD", "AT_SetTableSpace": "SET TABLESPACE",
        "AT_SetRelOptions": "SET (…)", "AT_ResetRelOptions": "RESET (…)",
        "AT_EnableTrig": "ENABLE TRIGGER", "AT_EnableAlwaysTrig": "ENABLE ALWAYS TRIGGER",
        "AT_EnableReplicaTrig": "ENABLE REPLICA TRIGGER", "AT_EnableTrigAll": "ENABLE TRIGGER ALL",
        "AT_EnableTrigUser": "ENABLE TRIGGER USER", "AT_DisableTrig": "DISABLE TRIGGER",
        "AT_DisableTrigAll": "DISABLE TRIGGER ALL", "AT_DisableTrigUser": "DISABLE TRIGGER USER",
        "AT_EnableRule": "ENABLE RULE", "AT_EnableAlwaysRule": "ENABLE ALWAYS RULE",
        "AT_EnableReplicaRule": "ENABLE REPLICA RULE", "AT_DisableRule": "DISABLE RULE",
        "AT_AddInherit": "INHERIT", "AT_DropInherit": "NO INHERIT", "AT_AddOf": "OF", "AT_DropOf": "NOT OF",
        "AT_ReplicaIdentity": "REPLICA IDENTITY", "AT_EnableRowSecurity": "ENABLE ROW LEVEL SECURITY",
        "AT_DisableRowSecurity": "DISABLE ROW LEVEL SECURITY", "AT_ForceRowSecurity": "FORCE ROW LEVEL SECURITY",
        "AT_NoForceRowSecurity": "NO FORCE ROW LEVEL SECURITY", "AT_GenericOptions": "OPTIONS (…)",
        "AT_AttachPartition": "ATTACH PARTITION", "AT_DetachPartition": "DETACH PARTITION",
        "AT_DetachPartitionFinalize": "DETACH PARTITION … FINALIZE", "AT_AddIdentity": "ALTER COLUMN … ADD IDENTITY",
        "AT_SetIdentity": "ALTER COLUMN … SET (identity)", "AT_DropIdentity": "ALTER COLUMN … DROP IDENTITY",
    ]

    /// `"ADD COLUMN"` for `"AT_AddColumn"`; the raw kind when unknown.
    static func sqlName(of kind: String) -> String {
        names[kind] ?? kind
    }

    /// `"ALTER TABLE"`, `"ALTER INDEX"`, … for the statement's relation kind.
    static func statementKeyword(for kind: RelationKind) -> String {
        switch kind {
        case .table: "ALTER TABLE"
        case .index: "ALTER INDEX"
        case .view: "ALTER VIEW"
        case .materializedView: "ALTER MATERIALIZED VIEW"
        case .sequence: "ALTER SEQUENCE"
        case .foreignTable: "ALTER FOREIGN TABLE"
        }
    }
}
