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
        let kind = StatementKind(nodeName: nodeType)
        switch kind {
        case .select, .insert, .update, .delete, .merge:
            try QueryAnalyzer(version: version).analyzeQuery(tree, into: &builder)
        case .copy:
            QueryAnalyzer(version: version).analyzeCopy(body, into: &builder)
        case .explain:
            try QueryAnalyzer(version: version).analyzeExplain(body, into: &builder)
        case .createTableAs:
            try QueryAnalyzer(version: version).analyzeCreateTableAs(body, into: &builder)
        case .alterTable:
            try AlterTableAnalyzer(version: version).analyze(body, into: &builder)
        case .createTable:
            try CreateTableAnalyzer(version: version).analyze(body, into: &builder)
        case .createForeignTable:
            try CreateTableAnalyzer(version: version).analyze(body["base"] ?? .null, into: &builder)
        case .createIndex:
            try IndexAnalyzer(version: version).analyzeCreateIndex(body, into: &builder)
        case .reindex:
            try IndexAnalyzer(version: version).analyzeReindex(body, into: &builder)
        case .drop:
            try DropAnalyzer(version: version).analyze(body, into: &builder)
        case .truncate:
            TruncateAnalyzer().analyze(body, into: &builder)
        case .vacuum:
            try MaintenanceAnalyzer(version: version).analyzeVacuum(body, into: &builder)
        case .cluster:
            try MaintenanceAnalyzer(version: version).analyzeCluster(body, into: &builder)
        case .createView:
            try ViewAnalyzer(version: version).analyzeCreateView(body, into: &builder)
        case .refreshMaterializedView:
            try ViewAnalyzer(version: version).analyzeRefresh(body, into: &builder)
        case .rename:
            try RenameAnalyzer(version: version).analyzeRename(body, into: &builder)
        case .alterObjectSchema:
            try RenameAnalyzer(version: version).analyzeSetSchema(body, into: &builder)
        case .createTrigger:
            try TableObjectAnalyzer(version: version).analyzeCreateTrigger(body, into: &builder)
        case .createPolicy, .alterPolicy:
            try TableObjectAnalyzer(version: version).analyzePolicy(body, creating: kind == .createPolicy, into: &builder)
        case .createRule:
            try TableObjectAnalyzer(version: version).analyzeCreateRule(body, into: &builder)
        case .comment:
            TableObjectAnalyzer(version: version).analyzeComment(body, into: &builder)
        case .grant:
            TableObjectAnalyzer(version: version).analyzeGrant(body, into: &builder)
        case .createStatistics:
            TableObjectAnalyzer(version: version).analyzeCreateStatistics(body, into: &builder)
        case .createSequence:
            SequenceAnalyzer().analyzeCreate(body, into: &builder)
        case .alterSequence:
            try SequenceAnalyzer().analyzeAlter(body, into: &builder)
        case .lock:
            try LockTableAnalyzer().analyze(body, into: &builder)
        case .transaction:
            try SessionAnalyzer().analyzeTransaction(body, into: &builder)
        case .variableSet:
            SessionAnalyzer().analyzeSet(body, into: &builder)
        case .createFunction, .alterFunction, .define, .compositeType, .createEnum, .createRange, .createExtension,
             .createDomain, .createRole, .alterRole, .dropRole, .grantRole, .alterDefaultPrivileges, .variableShow,
             .constraintsSet, .createSchema, .alterEnum, .createDatabase, .dropDatabase, .alterSystem,
             .createTablespace, .dropTablespace:
            try CatalogOnlyAnalyzer(version: version).analyze(kind, body, into: &builder)
        case .doBlock:
            throw UnclassifiedStatement(reason: "DO runs an opaque procedural body")
        case .call:
            throw UnclassifiedStatement(reason: "CALL runs an opaque procedure body")
        case .createSubscription, .dropSubscription:
            throw UnclassifiedStatement(
                reason: "\(nodeType) is not modelled; it cannot run in a transaction block when it creates or drops a replication slot",
                transactional: false)
        case .unknown:
            throw UnclassifiedStatement(reason: "\(nodeType) is not modelled")
        }
    }
}
