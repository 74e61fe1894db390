/// Builds a ``MigrationPlan`` from parsed migration files: analysis, lint rules, and
/// optionally a live lock table for predictions.
public struct MigrationPlanner: Sendable {
    public let postgresMajorVersion: Int
    public let linter: Linter

    public init(postgresMajorVersion: Int, linter: Linter) {
        self.postgresMajorVersion = postgresMajorVersion
        self.linter = linter
    }

    /// One file to plan: the migration, its parsed script, and how its lock requests are
    /// named (as written offline, schema-qualified when resolved against a catalog).
    public struct Input: Sendable {
        public let file: MigrationFile
        public let script: SQLScript
        /// The file's `-- onlineddl:no-transaction` directive.
        public let noTransaction: Bool

        public init(file: MigrationFile, script: SQLScript, noTransaction: Bool = false) {
            self.file = file
            self.script = script
            self.noTransaction = noTransaction
        }

        /// A file as the runner would run it.
        public init(_ migration: PreparedMigration) {
            self.init(file: migration.file, script: migration.script, noTransaction: migration.directives.noTransaction)
        }
    }

    /// A statement's locks, data work and transaction need, as shown and predicted.
    public struct Resolution: Sendable {
        public let locks: [MigrationPlan.Lock]
        public let dataWork: DataWork.Kind
        public let transactional: Bool
        /// How much data a scan or rewrite goes through, when the catalog is known.
        public let dataSize: MigrationPlan.DataSize?

        public init(locks: [MigrationPlan.Lock], dataWork: DataWork.Kind, transactional: Bool, dataSize: MigrationPlan.DataSize? = nil) {
            self.locks = locks
            self.dataWork = dataWork
            self.transactional = transactional
            self.dataSize = dataSize
        }
    }

    /// Plans `inputs` in order. Earlier files count as the history of later ones for the
    /// rules (an index created in 0003 covers a foreign key added in 0004). `resolve` turns
    /// an analysis into what is shown and predicted (offline: as written; connected: resolved
    /// through the catalog); `liveLocks`, when given, is the server's replayed lock table.
    public func plan(
        _ inputs: [Input],
        connected: Bool,
        resolve: (StatementAnalysis) -> Resolution = MigrationPlanner.asWritten,
        liveLocks: LiveLockTable? = nil
    ) -> MigrationPlan {
        let (version, linter) = (postgresMajorVersion, linter)
        let analyzedScripts = inputs.concurrentMap { AnalyzedScript(script: $0.script, postgresMajorVersion: version) }
        let all = EarlierMigrations(analyzedScripts)
        let resolutions = analyzedScripts.map { $0.analyses.map(resolve) }
        // Decided once from what is shown (catalog-settled when connected), for the rules too.
        let executions = zip(inputs, zip(analyzedScripts, resolutions)).map { input, pair in
            ExecutionPlan(script: pair.0.script, transactional: pair.1.map(\.transactional), noTransaction: input.noTransaction)
        }
        let findingsPerFile = Array(analyzedScripts.enumerated()).concurrentMap { file, analyzed in
            linter.lint(LintContext(
                analyzed, postgresMajorVersion: version, earlier: all.before(file: file), execution: executions[file]))
        }
        var migrations: [MigrationPlan.Migration] = []
        var predictor = liveLocks.map { MigrationLockPredictor(table: $0) }
        for (file, input) in inputs.enumerated() {
            let (analyzed, findings, execution) = (analyzedScripts[file], findingsPerFile[file], executions[file])
            var statements: [MigrationPlan.Statement] = []
            var waitedInTransaction = false
            for (index, (statement, analysis)) in zip(input.script.statements, analyzed.analyses).enumerated() {
                let resolution = resolutions[file][index]
                let statementLocks = resolution.locks
                let unit = execution.unit(containing: index)
                let endsUnit = unit.map { $0.statements.last == index } ?? true
                var prediction: LockWaitPrediction?
                if var active = predictor, !waitedInTransaction, !statementLocks.isEmpty {
                    prediction = Self.predict(statementLocks, with: &active)
                    waitedInTransaction = unit?.kind != .statement && prediction?.outcome != .granted
                    predictor = active
                }
                if endsUnit {
                    predictor?.endTransaction()
                    waitedInTransaction = false
                }
                statements.append(MigrationPlan.Statement(
                    line: statement.location.line, column: statement.location.column, sql: statement.text,
                    transactional: resolution.transactional, locks: statementLocks, rewrite: resolution.dataWork,
                    size: resolution.dataSize,
                    unclassified: analysis.classification.unclassifiedReason,
                    findings: findings.filter { $0.statementIndex == index }.map(MigrationPlan.FindingEntry.init),
                    prediction: prediction,
                    unit: unit.flatMap { execution.units.firstIndex(of: $0) }.map { $0 + 1 }
                ))
            }
            migrations.append(MigrationPlan.Migration(
                version: input.file.version, name: input.file.name, file: input.file.path,
                transactional: execution.isOneTransaction, units: execution.units.map(MigrationPlan.Unit.init),
                statements: statements,
                findings: findings.filter { $0.statementIndex == nil }.map(MigrationPlan.FindingEntry.init)
            ))
        }
        return MigrationPlan(postgresVersion: postgresMajorVersion, connected: connected, migrations: migrations)
    }

    /// An analysis as the statement names its relations (offline).
    public static func asWritten(_ analysis: StatementAnalysis) -> Resolution {
        Resolution(
            locks: distinct(analysis.lockRequests.map { MigrationPlan.Lock(relation: $0.relation.description, mode: $0.mode) }),
            dataWork: analysis.dataWork.kind, transactional: analysis.transactional)
    }

    /// An analysis resolved through a database's catalog: schema-qualified relations,
    /// partitions, indexes and other relations only the catalog can name, and data work and
    /// transaction needs settled where the catalog can settle them.
    public static func resolved(through catalog: CatalogSnapshot) -> @Sendable (StatementAnalysis) -> Resolution {
        let resolver = CatalogResolver(catalog: catalog)
        return { analysis in
            let resolved = resolver.resolve(analysis)
            let locks = resolved.locks.map {
                MigrationPlan.Lock(relation: $0.relation.name.description, mode: $0.mode, relationID: $0.relation.id.rawValue)
            }
            return Resolution(
                locks: distinct(locks), dataWork: resolved.dataWork.kind, transactional: resolved.transactional,
                dataSize: resolved.dataWork.kind == .none ? nil : dataSize(of: resolved))
        }
    }

    /// The statement's target table and its partitions or children, summed.
    private static func dataSize(of resolved: ResolvedAnalysis) -> MigrationPlan.DataSize? {
        let roles: Set<LockRole> = [.target, .partition, .descendant]
        var seen: Set<RelationID> = []
        let tables = resolved.locks.filter { roles.contains($0.role) && $0.relation.kind != .index }
            .map(\.relation).filter { seen.insert($0.id).inserted }
        guard let main = tables.first else { return nil }
        let rows = tables.map(\.size.estimatedRows)
        return MigrationPlan.DataSize(
            relation: main.name.description, bytes: tables.map(\.size.totalBytes).reduce(0, +),
            bytesEstimated: tables.contains { $0.size.isEstimated },
            estimatedRows: rows.contains(nil) ? nil : rows.compactMap { $0 }.reduce(0, +))
    }

    /// Keeps the first of repeated (relation, mode) pairs, in order.
    static func distinct(_ locks: [MigrationPlan.Lock]) -> [MigrationPlan.Lock] {
        var kept: [MigrationPlan.Lock] = []
        for lock in locks where !kept.contains(where: { $0.mode == lock.mode && relationKey($0) == relationKey(lock) }) {
            kept.append(lock)
        }
        return kept
    }

    /// What identifies a lock's relation: its OID when resolved, else its name.
    private static func relationKey(_ lock: MigrationPlan.Lock) -> String {
        lock.relationID.map(String.init) ?? lock.relation
    }

    /// Predicts a statement's locks in order; the first that would not be granted speaks
    /// for the statement, else the strongest.
    private static func predict(_ locks: [MigrationPlan.Lock], with predictor: inout MigrationLockPredictor) -> LockWaitPrediction? {
        var strongest: LockWaitPrediction?
        for lock in locks {
            let prediction = predictor.predict(relation: lock.relation, relationID: lock.relationID, mode: lock.mode)
            if prediction.outcome != .granted { return prediction }
            if strongest.map({ prediction.mode > $0.mode }) ?? true { strongest = prediction }
        }
        return strongest
    }
}
