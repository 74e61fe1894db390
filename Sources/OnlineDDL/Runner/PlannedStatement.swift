import OnlineDDLAnalysis
import OnlineDDLCatalog
import OnlineDDLLocking
import OnlineDDLMigrations
import OnlineDDLParsing

/// One statement of a migration about to run: its analysis resolved through the live
/// catalog, the locks the gate predicts, and what `LOCK TABLE … NOWAIT` would take first.
struct PlannedStatement: Sendable {
    let statement: SQLStatement
    let position: StatementPosition
    let resolved: ResolvedAnalysis
    /// Each relation and mode once, in the order PostgreSQL takes them.
    let locks: [RelationLock]

    init(statement: SQLStatement, index: Int, migration: PreparedMigration, analysis: StatementAnalysis, resolver: CatalogResolver) {
        self.init(statement: statement, index: index, migration: migration, resolved: resolver.resolve(analysis))
    }

    /// The statement not resolved through the catalog (see ``MigrationRunner/MigrationContext/deferred``):
    /// no locks on concrete relations, no caveat settled, the offline data work and
    /// transaction-block rule.
    init(unresolved statement: SQLStatement, index: Int, migration: PreparedMigration, analysis: StatementAnalysis) {
        self.init(statement: statement, index: index, migration: migration, resolved: ResolvedAnalysis(
            analysis: analysis, locks: [], unknownRelations: [], unresolvedLookups: [], caveats: [],
            dataWork: analysis.dataWork, transactional: analysis.transactional))
    }

    private init(statement: SQLStatement, index: Int, migration: PreparedMigration, resolved: ResolvedAnalysis) {
        self.statement = statement
        self.position = StatementPosition(
            version: migration.file.version, file: migration.file.path, line: statement.location.line,
            column: statement.location.column, statement: index + 1)
        self.resolved = resolved
        self.locks = RelationLock.distinct(resolved.locks.map {
            RelationLock(relation: $0.relation.name.description, mode: $0.mode, relationID: $0.relation.id.rawValue)
        })
    }

    /// Whether the statement may lock a relation: every lock the catalog resolves comes
    /// from one of the analysis's lock steps, so a statement without any takes none.
    var mayLock: Bool { !resolved.analysis.lockSteps.isEmpty }

    /// Whether the catalog is needed to decide how the statement runs, whatever the lock
    /// table shows: its transaction-block rule depends on the catalog (`REINDEX` or
    /// `CLUSTER` of a possibly partitioned relation), it builds an index concurrently (a
    /// failure's cleanup needs the indexed tables), or `LOCK TABLE … NOWAIT` statements
    /// (`nowait`) must name its tables.
    func needsCatalog(lockStrategy: RunnerConfiguration.LockStrategy) -> Bool {
        lockStrategy == .nowait || buildsIndexConcurrently || resolved.analysis.caveats.contains {
            if case .notTransactionalIfPartitioned = $0 { return true }
            return false
        }
    }

    /// `LOCK TABLE ONLY … IN … MODE NOWAIT` statements that take, up front, the strongest
    /// mode the statement needs on each existing table, tables in name order. Relations
    /// `LOCK TABLE` cannot lock (indexes, sequences) are left to the statement itself.
    var noWaitLocks: [String] {
        var strongest: [RelationID: (name: RelationName, mode: LockMode)] = [:]
        for lock in resolved.locks where lock.relation.kind.isTable || lock.relation.kind == .view
            || lock.relation.kind == .materializedView {
            let current = strongest[lock.relation.id]
            if current.map({ lock.mode > $0.mode }) ?? true {
                strongest[lock.relation.id] = (lock.relation.name, lock.mode)
            }
        }
        return strongest.values
            .sorted { ($0.name.schema ?? "", $0.name.name) < ($1.name.schema ?? "", $1.name.name) }
            .map { "LOCK TABLE ONLY \(SQLIdentifier.quoted($0.name)) IN \($0.mode.sqlName) MODE NOWAIT" }
    }

    /// Whether a failure can leave an INVALID index behind (`CREATE INDEX CONCURRENTLY`,
    /// `REINDEX … CONCURRENTLY`).
    var buildsIndexConcurrently: Bool {
        resolved.analysis.facts.createIndex?.isConcurrent == true || resolved.analysis.facts.reindex?.concurrent == true
    }

    /// The tables whose indexes a concurrent build may leave INVALID.
    var indexedTables: [RelationID] {
        var seen: Set<RelationID> = []
        return resolved.locks.compactMap { lock in
            lock.relation.kind.isTable ? lock.relation.id : lock.relation.indexedTable
        }.filter { seen.insert($0).inserted }
    }

    /// Where in the file an error at 1-based character `position` of the statement is.
    func location(ofCharacter position: Int?) -> StatementPosition {
        guard let position, position >= 1 else { return self.position }
        var line = statement.location.line
        var column = statement.location.column
        for scalar in statement.text.unicodeScalars.prefix(position - 1) {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return StatementPosition(
            version: self.position.version, file: self.position.file, line: line, column: column,
            statement: self.position.statement)
    }
}
