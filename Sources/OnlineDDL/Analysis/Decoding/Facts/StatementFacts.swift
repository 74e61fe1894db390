/// The structured facts of a statement that lint rules read, by statement family.
public enum StatementFacts: Hashable, Sendable {
    /// No facts beyond the lock list (or an unclassified statement).
    case none
    /// A query or `COPY`.
    case query(QueryFacts)
    /// `ALTER TABLE` and its relatives.
    case alterTable(AlterTableFacts)
    /// `CREATE TABLE`.
    case createTable(CreateTableFacts)
    /// `CREATE INDEX`.
    case createIndex(CreateIndexFacts)
    /// `DROP …`.
    case drop(DropFacts)
    /// `TRUNCATE`.
    case truncate(TruncateFacts)
    /// `VACUUM` or `ANALYZE`.
    case vacuum(VacuumFacts)
    /// `CLUSTER`.
    case cluster(ClusterFacts)
    /// `REINDEX`.
    case reindex(ReindexFacts)
    /// `REFRESH MATERIALIZED VIEW`.
    case refreshMaterializedView(RefreshMaterializedViewFacts)
    /// `LOCK TABLE`.
    case lockTable(LockTableFacts)
    /// `ALTER … RENAME`.
    case rename(RenameFacts)
    /// `BEGIN`, `COMMIT`, `SAVEPOINT`, ….
    case transactionControl(TransactionControl)
    /// `SET` or `RESET`.
    case sessionSetting(SessionSetting)

    /// The `ALTER TABLE` facts, if this is one.
    public var alterTable: AlterTableFacts? { if case .alterTable(let facts) = self { facts } else { nil } }
    /// The `CREATE TABLE` facts, if this is one.
    public var createTable: CreateTableFacts? { if case .createTable(let facts) = self { facts } else { nil } }
    /// The `CREATE INDEX` facts, if this is one.
    public var createIndex: CreateIndexFacts? { if case .createIndex(let facts) = self { facts } else { nil } }
    /// The `DROP` facts, if this is one.
    public var drop: DropFacts? { if case .drop(let facts) = self { facts } else { nil } }
    /// The `TRUNCATE` facts, if this is one.
    public var truncate: TruncateFacts? { if case .truncate(let facts) = self { facts } else { nil } }
    /// The query facts, if this is one.
    public var query: QueryFacts? { if case .query(let facts) = self { facts } else { nil } }
    /// The `VACUUM`/`ANALYZE` facts, if this is one.
    public var vacuum: VacuumFacts? { if case .vacuum(let facts) = self { facts } else { nil } }
    /// The `CLUSTER` facts, if this is one.
    public var cluster: ClusterFacts? { if case .cluster(let facts) = self { facts } else { nil } }
    /// The `REINDEX` facts, if this is one.
    public var reindex: ReindexFacts? { if case .reindex(let facts) = self { facts } else { nil } }
    /// The `REFRESH MATERIALIZED VIEW` facts, if this is one.
    public var refreshMaterializedView: RefreshMaterializedViewFacts? {
        if case .refreshMaterializedView(let facts) = self { facts } else { nil }
    }
    /// The `LOCK TABLE` facts, if this is one.
    public var lockTable: LockTableFacts? { if case .lockTable(let facts) = self { facts } else { nil } }
    /// The rename facts, if this is one.
    public var rename: RenameFacts? { if case .rename(let facts) = self { facts } else { nil } }
    /// The transaction-control statement, if this is one.
    public var transactionControl: TransactionControl? {
        if case .transactionControl(let control) = self { control } else { nil }
    }
    /// The `SET`/`RESET`, if this is one.
    public var sessionSetting: SessionSetting? { if case .sessionSetting(let setting) = self { setting } else { nil } }
}
