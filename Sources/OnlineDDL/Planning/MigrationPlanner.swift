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

        public init(file: MigrationFile, script: SQLScript) {
            self.file = file
            self.script = script
        }
    }

    /// Plans `inputs` in order. Earlier files count as the history of later ones for the
    /// rules (an index created in 0003 covers a foreign key added in 0004). `locks` turns an
    /// analysis into the relation locks to show and predict; `liveLocks`, when given, is the
    /// server's replayed lock table.
    public func plan(
        _ inputs: [Input],
        connected: Bool,
        locks: (StatementAnalysis) -> [MigrationPlan.Lock] = MigrationPlanner.locksAsWritten,
        liveLocks: LiveLockTable? = nil
    ) -> MigrationPlan {
        var earlier: [AnalyzedScript] = []
        var migrations: [MigrationPlan.Migration] = []
        var predictor = liveLocks.map(MigrationLockPredictor.init)
        for input in inputs {
            let analyzed = AnalyzedScript(script: input.script, postgresMajorVersion: postgresMajorVersion)
            let context = LintContext(analyzed, postgresMajorVersion: postgresMajorVersion, earlierScripts: earlier)
            let findings = linter.lint(context)
            earlier.append(analyzed)

            var statements: [MigrationPlan.Statement] = []
            var waitedInTransaction = false
            for (index, (statement, analysis)) in zip(input.script.statements, analyzed.analyses).enumerated() {
                let statementLocks = locks(analysis)
                var prediction: LockWaitPrediction?
                if var active = predictor, !waitedInTransaction, !statementLocks.isEmpty {
                    prediction = Self.predict(statementLocks, with: &active)
                    waitedInTransaction = context.runsInTransaction && prediction?.outcome != .granted
                    if !context.runsInTransaction { active.endTransaction() }
                    predictor = active
                }
                statements.append(MigrationPlan.Statement(
                    line: statement.location.line, column: statement.location.column, sql: statement.text,
                    transactional: analysis.transactional, locks: statementLocks, rewrite: analysis.dataWork.kind,
                    unclassified: analysis.classification.unclassifiedReason,
                    findings: findings.filter { $0.statementIndex == index }.map(MigrationPlan.FindingEntry.init),
                    prediction: prediction
                ))
            }
            predictor?.endTransaction()
            migrations.append(MigrationPlan.Migration(
                version: input.file.version, name: input.file.name, file: input.file.path,
                transactional: context.runsInTransaction, statements: statements,
                findings: findings.filter { $0.statementIndex == nil }.map(MigrationPlan.FindingEntry.init)
            ))
        }
        return MigrationPlan(postgresVersion: postgresMajorVersion, connected: connected, migrations: migrations)
    }

    /// The relation locks of an analysis as the statement names them.
    public static func locksAsWritten(_ analysis: StatementAnalysis) -> [MigrationPlan.Lock] {
        analysis.lockRequests.map { MigrationPlan.Lock(relation: $0.relation.description, mode: $0.mode) }
    }

    /// Predicts a statement's locks in order; the first that would not be granted speaks
    /// for the statement, else the strongest.
    private static func predict(_ locks: [MigrationPlan.Lock], with predictor: inout MigrationLockPredictor) -> LockWaitPrediction? {
        var strongest: LockWaitPrediction?
        for lock in locks {
            let prediction = predictor.predict(relation: lock.relation, mode: lock.mode)
            if prediction.outcome != .granted { return prediction }
            if strongest.map({ prediction.mode > $0.mode }) ?? true { strongest = prediction }
        }
        return strongest
    }
}
