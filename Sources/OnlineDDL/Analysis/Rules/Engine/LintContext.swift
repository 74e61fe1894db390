/// Everything a lint rule sees about one migration file.
public struct LintContext: Sendable {
    /// The file being linted.
    public let script: SQLScript
    /// One analysis per statement of `script`, in order.
    public let analyses: [StatementAnalysis]
    /// The PostgreSQL major version the migration targets, such as 15.
    public let postgresMajorVersion: Int
    /// Whether the file runs in one transaction (see ``MigrationTransaction/runsInTransaction(_:)``).
    public let runsInTransaction: Bool
    /// What the files of the same migration set that run before this one did: rules read it
    /// for what already exists (an index on foreign-key columns, a validated `CHECK`).
    public let earlier: EarlierMigrations

    /// Creates a context from analyses already made; `analyses` must have one entry per statement.
    /// `noTransaction` is the file's `-- onlineddl:no-transaction` directive.
    public init(
        script: SQLScript, analyses: [StatementAnalysis], postgresMajorVersion: Int,
        earlier: EarlierMigrations = EarlierMigrations(), noTransaction: Bool = false
    ) {
        precondition(analyses.count == script.statements.count, "one analysis per statement")
        self.script = script
        self.analyses = analyses
        self.postgresMajorVersion = postgresMajorVersion
        self.runsInTransaction = !noTransaction && MigrationTransaction.runsInTransaction(analyses)
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
        noTransaction: Bool = false
    ) {
        self.init(
            script: analyzed.script, analyses: analyzed.analyses, postgresMajorVersion: postgresMajorVersion,
            earlier: earlier, noTransaction: noTransaction)
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
