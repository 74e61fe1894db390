import OnlineDDLParsing

/// Runs the built-in lint rules over migration files, honouring a configuration and the
/// files' `-- onlineddl:ignore` comments.
public struct Linter: Sendable {
    /// Every built-in rule, in documentation order.
    public static let builtInRules: [any LintRule] = [
        RequireConcurrentIndexRule(),
        ConstraintMissingNotValidRule(),
        ValidateInSameTransactionRule(),
        SetNotNullNeedsCheckRule(),
        AddColumnNotNullWithoutDefaultRule(),
        RewriteVolatileDefaultRule(),
        RewriteGeneratedOrIdentityRule(),
        RewriteColumnTypeRule(),
        UniqueWithoutIndexRule(),
        ForeignKeyWithoutIndexRule(),
        ConcurrentlyInTransactionRule(),
        MixedTransactionalStatementsRule(),
        LockHeldAfterAccessExclusiveRule(),
        RenameInUseRule(),
        DropInUseRule(),
        VacuumFullOrClusterRule(),
        RefreshMatviewBlockingRule(),
        TruncateCascadeRule(),
        SyntaxNeedsNewerPostgresRule(),
        UnclassifiedStatementRule(),
        UnknownRuleIDRule(),
        EmptyMigrationRule(),
    ]

    /// The ids of the built-in rules.
    static let builtInRuleIDs = Set(builtInRules.map(\.id))

    /// The built-in rule a configuration or an ignore comment names, if any.
    static func builtInRule(named name: String) -> RuleID? {
        RuleID(rawValue: name).flatMap { builtInRuleIDs.contains($0) ? $0 : nil }
    }

    /// The configuration in force.
    public let configuration: LintConfiguration

    /// Creates a linter with a configuration.
    public init(configuration: LintConfiguration = LintConfiguration()) {
        self.configuration = configuration
    }

    /// The findings in one file, sorted by location, then from most to least severe, then by
    /// rule id. Disabled rules do not run; findings an ignore comment covers are dropped.
    public func lint(_ context: LintContext) -> [Finding] {
        Self.builtInRules
            .filter { !configuration.disables($0.id) }
            .flatMap { rule in
                rule.check(context).map { $0.with(severity: configuration.severityOverride(for: rule.id) ?? $0.severity) }
            }
            .filter { !context.suppressions.suppresses($0) }
            .sorted { lhs, rhs in
                (lhs.location, rhs.severity, lhs.ruleID.rawValue) < (rhs.location, lhs.severity, rhs.ruleID.rawValue)
            }
    }

    /// The findings in the files of a migration set, which run in the given order: each file
    /// is linted with the earlier ones as its ``LintContext/earlier``. Findings come file by
    /// file, each file's sorted as ``lint(_:)`` sorts them.
    public func lint(migrationSet scripts: [SQLScript], postgresMajorVersion: Int) -> [Finding] {
        var earlier = EarlierMigrations()
        var findings: [Finding] = []
        for script in scripts {
            let analyzed = AnalyzedScript(script: script, postgresMajorVersion: postgresMajorVersion)
            findings += lint(LintContext(analyzed, postgresMajorVersion: postgresMajorVersion, earlier: earlier))
            earlier.append(analyzed)
        }
        return findings
    }
}
