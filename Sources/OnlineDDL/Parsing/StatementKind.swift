/// The kind of a top-level statement: the node type libpg_query wraps it in
/// (`{"AlterTableStmt": {…}}`), for the statements the analyzer and the rules tell apart.
public enum StatementKind: Hashable, Sendable {
    /// Queries and `COPY`/`EXPLAIN`.
    case select, insert, update, delete, merge, copy, explain
    /// Relations, indexes and their maintenance.
    case createTable, createForeignTable, createTableAs, alterTable, createIndex, reindex, drop, truncate
    case vacuum, cluster, createView, refreshMaterializedView, rename, alterObjectSchema
    /// Objects attached to tables.
    case createTrigger, createPolicy, alterPolicy, createRule, comment, grant, createStatistics
    case createSequence, alterSequence, lock
    /// Session and transaction control.
    case transaction, variableSet, variableShow, constraintsSet
    /// Procedural code.
    case doBlock, call
    /// Catalog-only objects.
    case createFunction, alterFunction, define, compositeType, createEnum, alterEnum, createRange
    case createExtension, createDomain, createRole, alterRole, dropRole, grantRole, alterDefaultPrivileges
    case createSchema, createSubscription, dropSubscription
    /// Database-level statements.
    case createDatabase, dropDatabase, alterSystem, createTablespace, dropTablespace
    /// A node type the analyzer does not model, such as one of a newer grammar.
    case unknown(String)

    /// libpg_query's node type, such as `"AlterTableStmt"`.
    public var nodeName: String {
        switch self {
        case .select: "SelectStmt"
        case .insert: "InsertStmt"
        case .update: "UpdateStmt"
        case .delete: "DeleteStmt"
        case .merge: "MergeStmt"
        case .copy: "CopyStmt"
        case .explain: "ExplainStmt"
        case .createTableAs: "CreateTableAsStmt"
        case .alterTable: "AlterTableStmt"
        case .createTable: "CreateStmt"
        case .createForeignTable: "CreateForeignTableStmt"
        case .createIndex: "IndexStmt"
        case .reindex: "ReindexStmt"
        case .drop: "DropStmt"
        case .truncate: "TruncateStmt"
        case .vacuum: "VacuumStmt"
        case .cluster: "ClusterStmt"
        case .createView: "ViewStmt"
        case .refreshMaterializedView: "RefreshMatViewStmt"
        case .rename: "RenameStmt"
        case .alterObjectSchema: "AlterObjectSchemaStmt"
        case .createTrigger: "CreateTrigStmt"
        case .createPolicy: "CreatePolicyStmt"
        case .alterPolicy: "AlterPolicyStmt"
        case .createRule: "RuleStmt"
        case .comment: "CommentStmt"
        case .grant: "GrantStmt"
        case .createStatistics: "CreateStatsStmt"
        case .createSequence: "CreateSeqStmt"
        case .alterSequence: "AlterSeqStmt"
        case .lock: "LockStmt"
        case .transaction: "TransactionStmt"
        case .variableSet: "VariableSetStmt"
        case .variableShow: "VariableShowStmt"
        case .doBlock: "DoStmt"
        case .call: "CallStmt"
        case .createSubscription: "CreateSubscriptionStmt"
        case .dropSubscription: "DropSubscriptionStmt"
        case .createFunction: "CreateFunctionStmt"
        case .alterFunction: "AlterFunctionStmt"
        case .define: "DefineStmt"
        case .compositeType: "CompositeTypeStmt"
        case .createEnum: "CreateEnumStmt"
        case .alterEnum: "AlterEnumStmt"
        case .createRange: "CreateRangeStmt"
        case .createExtension: "CreateExtensionStmt"
        case .createDomain: "CreateDomainStmt"
        case .createRole: "CreateRoleStmt"
        case .alterRole: "AlterRoleStmt"
        case .dropRole: "DropRoleStmt"
        case .grantRole: "GrantRoleStmt"
        case .alterDefaultPrivileges: "AlterDefaultPrivilegesStmt"
        case .constraintsSet: "ConstraintsSetStmt"
        case .createSchema: "CreateSchemaStmt"
        case .createDatabase: "CreatedbStmt"
        case .dropDatabase: "DropdbStmt"
        case .alterSystem: "AlterSystemStmt"
        case .createTablespace: "CreateTableSpaceStmt"
        case .dropTablespace: "DropTableSpaceStmt"
        case .unknown(let name): name
        }
    }

    /// Every modelled kind, for decoding.
    static let modelled: [StatementKind] = [
        .select, .insert, .update, .delete, .merge, .copy, .explain, .createTableAs, .alterTable,
        .createTable, .createForeignTable, .createIndex, .reindex, .drop, .truncate, .vacuum, .cluster,
        .createView, .refreshMaterializedView, .rename, .alterObjectSchema, .createTrigger, .createPolicy,
        .alterPolicy, .createRule, .comment, .grant, .createStatistics, .createSequence, .alterSequence,
        .lock, .transaction, .variableSet, .variableShow, .doBlock, .call, .createSubscription,
        .dropSubscription, .createFunction, .alterFunction, .define, .compositeType, .createEnum, .alterEnum,
        .createRange, .createExtension, .createDomain, .createRole, .alterRole, .dropRole, .grantRole,
        .alterDefaultPrivileges, .constraintsSet, .createSchema, .createDatabase, .dropDatabase,
        .alterSystem, .createTablespace, .dropTablespace,
    ]

    private static let byNodeName = Dictionary(uniqueKeysWithValues: modelled.map { ($0.nodeName, $0) })

    /// Decodes libpg_query's node type; any other name is ``unknown(_:)``.
    public init(nodeName: String) {
        self = Self.byNodeName[nodeName] ?? .unknown(nodeName)
    }
}

extension ParseNode {
    /// The body of a wrapped statement node of the given kind, else `nil`.
    public func typed(_ kind: StatementKind) -> ParseNode? {
        typed(kind.nodeName)
    }
}

extension SQLStatement {
    /// The statement's kind, decoded from its node type.
    public var kind: StatementKind { StatementKind(nodeName: nodeType) }
}
