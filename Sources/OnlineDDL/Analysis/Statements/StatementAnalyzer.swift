import OnlineDDLParsing

/// Derives, from a statement's libpg_query parse tree alone, the table-level locks
/// PostgreSQL takes for it (in order), whether it may run in a transaction block, and what
/// it does to table data, for one PostgreSQL major version. Versions 11 to 18 are modelled
/// from their sources; an earlier version gets the PostgreSQL 11 rules except that every
/// non-NULL `ADD COLUMN … DEFAULT` rewrites. The parse trees come from libpg_query's
/// PostgreSQL 15 grammar, so newer syntax (such as PostgreSQL 18's `NOT NULL … NOT VALID`)
/// fails to parse before it reaches the analyzer.
///
/// The analysis is pure and never guesses: a statement kind it does not model is reported
/// as ``StatementClassification/unclassified(reason:)``. Locks whose relations only the
/// catalog can name appear as ``CatalogLockRequest`` steps at their place in the order, and
/// assumptions the catalog could overturn as ``CatalogCaveat``s.
///
/// Modelled: queries and `COPY`; `ALTER TABLE` and relatives (every subcommand of
/// `AlterTableGetLockLevel`); `CREATE TABLE [AS]`, `CREATE [MATERIALIZED] VIEW`;
/// `CREATE INDEX`, `REINDEX`; `DROP` of relations, indexes, triggers, policies, rules,
/// statistics, and of objects without table locks; `TRUNCATE`; `VACUUM`, `ANALYZE`,
/// `CLUSTER`; `REFRESH MATERIALIZED VIEW`; renames and `SET SCHEMA`; triggers, policies,
/// rules, comments, grants, statistics, sequences; `LOCK TABLE`; transaction control and
/// `SET`/`RESET`; creation of functions, types, extensions, schemas, domains, roles; and
/// database-level statements that cannot run in a transaction block.
public struct StatementAnalyzer: Sendable {
    /// The PostgreSQL major version analyzed for, such as 15.
    public let postgresMajorVersion: Int

    /// Creates an analyzer for one PostgreSQL major version.
    public init(postgresMajorVersion: Int) {
        self.postgresMajorVersion = postgresMajorVersion
    }

    /// Analyzes one parsed statement.
    public func analyze(_ statement: SQLStatement) -> StatementAnalysis {
        analyze(tree: statement.tree)
    }

    /// Analyzes one statement node such as `{"AlterTableStmt": {…}}`.
    func analyze(tree: ParseNode) -> StatementAnalysis {
        let nodeType = tree.nodeType ?? "unknown"
        var builder = AnalysisBuilder(version: postgresMajorVersion)
        do throws(UnclassifiedStatement) {
            guard let body = tree[nodeType] else { throw UnclassifiedStatement(reason: "not a statement node") }
            try dispatch(nodeType, body, tree, into: &builder)
            return builder.analysis(nodeType: nodeType)
        } catch {
            return StatementAnalysis(
                nodeType: nodeType, postgresMajorVersion: postgresMajorVersion,
                classification: .unclassified(reason: error.reason), lockSteps: [], transactional: error.transactional,
                dataWork: .none("not analyzed"), caveats: [], facts: .none)
        }
    }

    private func dispatch(
        _ nodeType: String, _ body: ParseNode, _ tree: ParseNode, into builder: inout AnalysisBuilder
    ) throws(UnclassifiedStatement) {
        let version = postgresMajorVersion
        switch nodeType {
        case "SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt":
            try QueryAnalyzer(version: version).analyzeQuery(tree, into: &builder)
        case "CopyStmt":
            QueryAnalyzer(version: version).analyzeCopy(body, into: &builder)
        case "ExplainStmt":
            try QueryAnalyzer(version: version).analyzeExplain(body, into: &builder)
        case "CreateTableAsStmt":
            try QueryAnalyzer(version: version).analyzeCreateTableAs(body, into: &builder)
        case "AlterTableStmt":
            try AlterTableAnalyzer(version: version).analyze(body, into: &builder)
        case "CreateStmt":
            try CreateTableAnalyzer(version: version).analyze(body, into: &builder)
        case "CreateForeignTableStmt":
            try CreateTableAnalyzer(version: version).analyze(body["base"] ?? .null, into: &builder)
        case "IndexStmt":
            try IndexAnalyzer(version: version).analyzeCreateIndex(body, into: &builder)
        case "ReindexStmt":
            try IndexAnalyzer(version: version).analyzeReindex(body, into: &builder)
        case "DropStmt":
            try DropAnalyzer(version: version).analyze(body, into: &builder)
        case "TruncateStmt":
            TruncateAnalyzer().analyze(body, into: &builder)
        case "VacuumStmt":
            try MaintenanceAnalyzer(version: version).analyzeVacuum(body, into: &builder)
        case "ClusterStmt":
            try MaintenanceAnalyzer(version: version).analyzeCluster(body, into: &builder)
        case "ViewStmt":
            try ViewAnalyzer(version: version).analyzeCreateView(body, into: &builder)
        case "RefreshMatViewStmt":
            try ViewAnalyzer(version: version).analyzeRefresh(body, into: &builder)
        case "RenameStmt":
            try RenameAnalyzer(version: version).analyzeRename(body, into: &builder)
        case "AlterObjectSchemaStmt":
            try RenameAnalyzer(version: version).analyzeSetSchema(body, into: &builder)
        case "CreateTrigStmt":
            try TableObjectAnalyzer(version: version).analyzeCreateTrigger(body, into: &builder)
        case "CreatePolicyStmt", "AlterPolicyStmt":
            try TableObjectAnalyzer(version: version).analyzePolicy(body, creating: nodeType == "CreatePolicyStmt", into: &builder)
        case "RuleStmt":
            try TableObjectAnalyzer(version: version).analyzeCreateRule(body, into: &builder)
        case "CommentStmt":
            TableObjectAnalyzer(version: version).analyzeComment(body, into: &builder)
        case "GrantStmt":
            TableObjectAnalyzer(version: version).analyzeGrant(body, into: &builder)
        case "CreateStatsStmt":
            TableObjectAnalyzer(version: version).analyzeCreateStatistics(body, into: &builder)
        case "CreateSeqStmt":
            SequenceAnalyzer().analyzeCreate(body, into: &builder)
        case "AlterSeqStmt":
            try SequenceAnalyzer().analyzeAlter(body, into: &builder)
        case "LockStmt":
            try LockTableAnalyzer().analyze(body, into: &builder)
        case "TransactionStmt":
            try SessionAnalyzer().analyzeTransaction(body, into: &builder)
        case "VariableSetStmt":
            SessionAnalyzer().analyzeSet(body, into: &builder)
        case _ where CatalogOnlyAnalyzer.transactionalNodeTypes.contains(nodeType)
            || CatalogOnlyAnalyzer.nonTransactionalNodeTypes.contains(nodeType):
            try CatalogOnlyAnalyzer(version: version).analyze(nodeType, body, into: &builder)
        case "DoStmt":
            throw UnclassifiedStatement(reason: "DO runs an opaque procedural body")
        case "CallStmt":
            throw UnclassifiedStatement(reason: "CALL runs an opaque procedure body")
        case "CreateSubscriptionStmt", "DropSubscriptionStmt":
            throw UnclassifiedStatement(
                reason: "\(nodeType) is not modelled; it cannot run in a transaction block when it creates or drops a replication slot",
                transactional: false)
        default:
            throw UnclassifiedStatement(reason: "\(nodeType) is not modelled")
        }
    }
}
