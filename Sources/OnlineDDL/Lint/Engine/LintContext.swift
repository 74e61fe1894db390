import OnlineDDLAnalysis
import OnlineDDLParsing

/// Everything a lint rule sees about one migration file.
public struct LintContext: Sendable {
    /// The file being linted.
    public let script: SQLScript
    /// One analysis per statement of `script`, in order.
    public let analyses: [StatementAnalysis]
    /// The PostgreSQL major version the migration targets, such as 15.
    public let postgresMajorVersion: Int
    /// How the file runs: its units, the transactions rules reason about ("the same
    /// transaction" is the same unit). Catalog-settled when the planner is connected.
    public let execution: ExecutionPlan
    /// What the files of the same migration set that run before this one did: rules read it
    /// for what already exists (an index on foreign-key columns, a validated `CHECK`).
    public let earlier: EarlierMigrations

    /// Creates a context from analyses already made; `analyses` must have one entry per statement.
    /// `execution` is how the file runs, by default decided from `analyses` for a file
    /// without `-- onlineddl:no-transaction`.
    public init(
        script: SQLScript, analyses: [StatementAnalysis], postgresMajorVersion: Int,
        earlier: EarlierMigrations = EarlierMigrations(), execution: ExecutionPlan? = nil
    ) {
        precondition(analyses.count == script.statements.count, "one analysis per statement")
        self.script = script
        self.analyses = analyses
        self.postgresMajorVersion = postgresMajorVersion
        self.execution = execution ?? ExecutionPlan(script: script, analyses: analyses, noTransaction: false)
        precondition(self.execution.statements.count == analyses.count, "one execution statement per statement")
        self.earlier = earlier
        self.statements = zip(script.statements, analyses).enumerated().map { index, pair in
            LintStatement(index: index, sql: pair.0, analysis: pair.1)
        }
        self.history = SchemaHistory(earlier: earlier, current: analyses)
        self.suppressions = Suppressions(script: script)
    }

    /// Creates a context for an analyzed file.
    public init(
        _ analyzed: AnalyzedScript, postgresMajorVersion: Int, earlier: EarlierMigrations = EarlierMigrations(),
        execution: ExecutionPlan? = nil
    ) {
        self.init(
            script: analyzed.script, analyses: analyzed.analyses, postgresMajorVersion: postgresMajorVersion,
            earlier: earlier, execution: execution)
    }

    /// Creates a context, analyzing every statement of `script`.
    public init(script: SQLScript, postgresMajorVersion: Int, earlier: EarlierMigrations = EarlierMigrations()) {
        self.init(
            AnalyzedScript(script: script, postgresMajorVersion: postgresMajorVersion),
            postgresMajorVersion: postgresMajorVersion, earlier: earlier)
    }

    /// Each statement with its index and analysis, built once for all rules.
    let statements: [LintStatement]
    /// What the migration set shows about the schema around this file's statements, built
    /// once for all rules.
    let history: SchemaHistory
    /// The file's ignore comments and what each covers.
    let suppressions: Suppressions
}
