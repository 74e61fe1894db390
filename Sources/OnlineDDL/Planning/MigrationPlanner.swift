import OnlineDDLAnalysis
import OnlineDDLCatalog
import OnlineDDLLint
import OnlineDDLLocking
import OnlineDDLMigrations
import OnlineDDLParsing
import OnlineDDLSupport

/// Builds a ``MigrationPlan`` from parsed migration files: analysis, lint rules, and
/// optionally a live lock table for predictions.
public struct MigrationPlanner: Sendable {
    public let postgresMajorVersion: Int
    public let linter: Linter

    public init(postgresMajorVersion: Int, linter: Linter) {
        self.postgresMajorVersion = postgresMajorVersion
        self.linter = linter
    }

    /// One file to plan: the migration and its parsed script (or why it cannot be parsed),
    /// and whether it is only history for the files after it.
    public struct Input: Sendable {
        public let file: MigrationFile
        /// The parsed file, or the error met reading or parsing it: such a file is reported
        /// as one error finding, and the files after it are planned without it.
        public let script: Result<SQLScript, SQLSyntaxError>
        /// The file's `-- onlineddl:no-transaction` directive.
        public let noTransaction: Bool
        /// The file is history for the files after it and is not reported: `plan FILE` lints
        /// the named files with the rest of their folder as what ran before them.
        public var historyOnly = false

        public init(file: MigrationFile, script: SQLScript, noTransaction: Bool = false) {
            self.file = file
            self.script = .success(script)
            self.noTransaction = noTransaction
        }

        /// A file as the runner would run it.
        public init(_ migration: PreparedMigration) {
            self.init(file: migration.file, script: migration.script, noTransaction: migration.directives.noTransaction)
        }

        /// A file that cannot be read or parsed, and why.
        public init(file: MigrationFile, error: SQLSyntaxError) {
            self.file = file
            self.script = .failure(error)
            self.noTransaction = false
        }

        /// A file as prepared for the runner, or its preparation error.
        public init(file: MigrationFile, prepared: Result<PreparedMigration, SQLSyntaxError>) {
            switch prepared {
            case .success(let migration): self.init(migration)
            case .failure(let error): self.init(file: file, error: error)
            }
        }
    }

    /// A statement's locks, data work and transaction need, as shown and predicted.
    public struct Resolution: Sendable {
        public let locks: [RelationLock]
        public let dataWork: DataWork.Kind
        public let transactional: Bool
        /// How much data a scan or rewrite goes through, when the catalog is known.
        public let dataSize: MigrationPlan.DataSize?
        /// The statement as a `CONCURRENTLY` one that waits for other transactions, when the
        /// catalog is known.
        public let concurrent: ConcurrentStatement?

        public init(
            locks: [RelationLock], dataWork: DataWork.Kind, transactional: Bool, dataSize: MigrationPlan.DataSize? = nil,
            concurrent: ConcurrentStatement? = nil
        ) {
            self.locks = locks
            self.dataWork = dataWork
            self.transactional = transactional
            self.dataSize = dataSize
            self.concurrent = concurrent
        }
    }

    /// Plans `inputs` in order. Earlier files count as the history of later ones for the
    /// rules (an index created in 0003 covers a foreign key added in 0004); a file that cannot
    /// be parsed is reported as its error and counts for nothing, and a history-only file is
    /// not reported. `resolve` turns an analysis into what is shown and predicted (offline: as
    /// written; connected: resolved through the catalog); `liveLocks`, when given, is the
    /// server's replayed lock table.
    public func plan(
        _ inputs: [Input],
        connected: Bool,
        resolve: (StatementAnalysis) -> Resolution = MigrationPlanner.asWritten,
        liveLocks: LiveLockTable? = nil
    ) -> MigrationPlan {
        plan(inputs, connected: connected, resolve: resolve, liveLocks: liveLocks, concurrentSessions: { nil })
    }

    /// Plans `inputs` as ``plan(_:connected:resolve:liveLocks:)`` does, and predicts the waits
    /// of each `CONCURRENTLY` statement the catalog resolves from `liveLocks` and the snapshot
    /// `concurrentSessions` reads: it is called once, at the first such statement, so a plan
    /// without one reads nothing more.
    public func plan<Failure: Error>(
        _ inputs: [Input],
        connected: Bool,
        resolve: (StatementAnalysis) -> Resolution,
        liveLocks: LiveLockTable?,
        concurrentSessions: () throws(Failure) -> ConcurrentWaitSnapshot?
    ) throws(Failure) -> MigrationPlan {
        let (version, linter) = (postgresMajorVersion, linter)
        let analyzedScripts = inputs.concurrentMap { input in
            input.script.map { AnalyzedScript(script: $0, postgresMajorVersion: version) }
        }
        let all = EarlierMigrations(analyzedScripts.compactMap { try? $0.get() })
        // Each file's place among those that parsed: how many of them run before it.
        let parsedBefore = analyzedScripts.reduce(into: [0]) { counts, analyzed in
            counts.append(counts[counts.count - 1] + ((try? analyzed.get()) == nil ? 0 : 1))
        }
        let resolutions = analyzedScripts.map { analyzed in (try? analyzed.get())?.analyses.map(resolve) ?? [] }
        // Decided once from what is shown (catalog-settled when connected), for the rules too.
        let executions = inputs.indices.map { file -> ExecutionPlan? in
            guard case .success(let analyzed) = analyzedScripts[file] else { return nil }
            return ExecutionPlan(
                script: analyzed.script, transactional: resolutions[file].map(\.transactional),
                noTransaction: inputs[file].noTransaction)
        }
        let findingsPerFile = Array(inputs.indices).concurrentMap { file -> [Finding] in
            guard !inputs[file].historyOnly, case .success(let analyzed) = analyzedScripts[file],
                  let execution = executions[file] else { return [] }
            return linter.lint(LintContext(
                analyzed, postgresMajorVersion: version, earlier: all.before(file: parsedBefore[file]),
                execution: execution))
        }
        var migrations: [MigrationPlan.Migration] = []
        var predictor = liveLocks.map { MigrationLockPredictor(table: $0) }
        var concurrentPredictor: ConcurrentWaitPredictor?
        var sessionsRead = false
        for (file, input) in inputs.enumerated() where !input.historyOnly {
            let findings = findingsPerFile[file]
            let analyzed: AnalyzedScript
            switch analyzedScripts[file] {
            case .success(let script): analyzed = script
            case .failure(let error):
                migrations.append(.unusable(input.file, error))
                continue
            }
            guard let execution = executions[file] else { continue }
            var statements: [MigrationPlan.Statement] = []
            var waitedInTransaction = false
            for (index, (statement, analysis)) in zip(analyzed.script.statements, analyzed.analyses).enumerated() {
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
                var concurrentWaits: [ConcurrentWait]?
                if let concurrent = resolution.concurrent, let liveLocks {
                    if !sessionsRead {
                        sessionsRead = true
                        concurrentPredictor = try concurrentSessions().map {
                            ConcurrentWaitPredictor(locks: liveLocks.snapshot, sessions: $0)
                        }
                    }
                    concurrentWaits = concurrentPredictor?.predict(concurrent)
                }
                statements.append(MigrationPlan.Statement(
                    line: statement.location.line, column: statement.location.column, sql: statement.text,
                    transactional: resolution.transactional, locks: statementLocks, rewrite: resolution.dataWork,
                    size: resolution.dataSize,
                    unclassified: analysis.classification.unclassifiedReason,
                    findings: findings.filter { $0.statementIndex == index }.map(MigrationPlan.FindingEntry.init),
                    prediction: prediction,
                    unit: execution.unitNumber(containing: index),
                    concurrentWaits: concurrentWaits
                ))
            }
            migrations.append(MigrationPlan.Migration(
                version: input.file.version, name: input.file.name, file: input.file.path,
                transactional: execution.isOneTransaction, planned: true, units: execution.units.map(MigrationPlan.Unit.init),
                statements: statements,
                findings: findings.filter { $0.statementIndex == nil }.map(MigrationPlan.FindingEntry.init)
            ))
        }
        return MigrationPlan(postgresVersion: postgresMajorVersion, connected: connected, migrations: migrations)
    }

    /// An analysis as the statement names its relations (offline).
    public static func asWritten(_ analysis: StatementAnalysis) -> Resolution {
        Resolution(
            locks: RelationLock.distinct(analysis.lockRequests.map { RelationLock(relation: $0.relation.description, mode: $0.mode) }),
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
                RelationLock(relation: $0.relation.name.description, mode: $0.mode, relationID: $0.relation.id.rawValue)
            }
            return Resolution(
                locks: RelationLock.distinct(locks), dataWork: resolved.dataWork.kind, transactional: resolved.transactional,
                dataSize: resolved.dataWork.kind == .none ? nil : dataSize(of: resolved), concurrent: resolved.concurrentStatement)
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

    /// Predicts a statement's locks in order; the first that would not be granted speaks
    /// for the statement, else the strongest.
    private static func predict(_ locks: [RelationLock], with predictor: inout MigrationLockPredictor) -> LockWaitPrediction? {
        var strongest: LockWaitPrediction?
        for lock in locks {
            let prediction = predictor.predict(relation: lock.relation, relationID: lock.relationID, mode: lock.mode)
            if prediction.outcome != .granted { return prediction }
            if strongest.map({ prediction.mode > $0.mode }) ?? true { strongest = prediction }
        }
        return strongest
    }
}
