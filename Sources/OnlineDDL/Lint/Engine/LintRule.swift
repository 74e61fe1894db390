/// A check of migration files for statements that lock out traffic, rewrite tables, or break
/// running code.
public protocol LintRule: Sendable {
    /// The stable kebab-case id used in configuration, ignore comments and `docs/rules/<id>.md`.
    var id: RuleID { get }
    /// The severity of its findings unless the configuration overrides it.
    var severity: Severity { get }
    /// One line saying what the rule flags.
    var summary: String { get }
    /// The rule's findings in one file, each with the rule's default severity.
    func check(_ context: LintContext) -> [Finding]
}

/// A rule that looks at one statement at a time.
protocol StatementLintRule: LintRule {
    /// The findings for one statement of the file.
    func check(_ statement: LintStatement, in context: LintContext) -> [Finding]
}

extension StatementLintRule {
    func check(_ context: LintContext) -> [Finding] {
        context.statements.flatMap { check($0, in: context) }
    }
}

extension LintRule {
    /// A finding of this rule at a statement, with the rule's default severity.
    func finding(
        at statement: LintStatement, in context: LintContext, _ message: String, safeAlternative: String?
    ) -> Finding {
        Finding(
            ruleID: id, severity: severity, message: message, file: context.script.file,
            location: statement.sql.location, statementIndex: statement.index, safeAlternative: safeAlternative)
    }
}
