/// Which rules run and how severe their findings are.
///
/// In JSON: `{"disabledRules": ["rename-in-use"], "severityOverrides": {"drop-in-use": "error"}}`.
/// The ids are kept as written, so that ``unknownRuleIDs`` can name the ones no rule has.
public struct LintConfiguration: Hashable, Sendable, Codable {
    /// Ids of rules that do not run.
    public var disabledRules: Set<String>
    /// A severity per rule id that replaces the rule's default.
    public var severityOverrides: [String: Severity]

    /// Creates a configuration; the default runs every rule with its default severity.
    public init(disabledRules: Set<String> = [], severityOverrides: [String: Severity] = [:]) {
        self.disabledRules = disabledRules
        self.severityOverrides = severityOverrides
    }

    /// The rule ids this configuration names that no built-in rule has, sorted: typos that
    /// would otherwise silently change nothing.
    public var unknownRuleIDs: [String] {
        disabledRules.union(severityOverrides.keys).filter { Linter.builtInRule(named: $0) == nil }.sorted()
    }

    /// Whether the rule does not run.
    func disables(_ rule: RuleID) -> Bool {
        disabledRules.contains(rule.rawValue)
    }

    /// The severity that replaces the rule's default, if any.
    func severityOverride(for rule: RuleID) -> Severity? {
        severityOverrides[rule.rawValue]
    }
}
