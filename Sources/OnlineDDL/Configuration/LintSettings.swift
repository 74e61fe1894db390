import OnlineDDLLint
import OnlineDDLMigrations

/// `onlineddl.toml`'s `[lint]` table: what `onlineddl plan` lints for.
public struct LintSettings: Sendable, Equatable {
    /// The PostgreSQL major version to plan for offline.
    public var postgresVersion: Int?
    /// Rules that do not run; `--ignore` adds to them.
    public var ignoredRules: [String] = []
    /// A severity per rule id, replacing the rule's default (`[lint.severity]`).
    public var severityOverrides: [String: Severity] = [:]

    public init() {}

    /// The PostgreSQL major versions onlineddl plans for.
    public static let postgresVersions = 10...99

    /// The lint configuration with these settings and `extraIgnoredRules` (the flags').
    public func configuration(ignoring extraIgnoredRules: [String] = []) -> LintConfiguration {
        LintConfiguration(disabledRules: Set(ignoredRules + extraIgnoredRules), severityOverrides: severityOverrides)
    }

    /// Reads a `[lint]` table; unknown rule ids are errors, as they are for `--ignore`.
    init(_ table: TOMLDocument) throws(ConfigurationError) {
        try table.rejectUnknownKeys(["pg_version", "ignore", "severity"])
        postgresVersion = try table.int("pg_version")
        if let postgresVersion, !Self.postgresVersions.contains(postgresVersion) {
            throw table.error("pg_version", "must be a PostgreSQL major version such as 15")
        }
        ignoredRules = try table.strings("ignore") ?? []
        if let unknown = LintConfiguration(disabledRules: Set(ignoredRules)).unknownRuleIDs.first {
            throw table.error("ignore", Self.unknownRule(unknown))
        }
        guard let severities = try table.table("severity") else { return }
        for rule in severities.keys {
            guard let text = try severities.string(rule) else { continue }
            guard let severity = Severity(rawValue: text) else {
                throw severities.error(rule, "expected \"error\", \"warning\" or \"info\", found \"\(text)\"")
            }
            severityOverrides[rule] = severity
        }
        if let unknown = LintConfiguration(severityOverrides: severityOverrides).unknownRuleIDs.first {
            throw severities.error(unknown, Self.unknownRule(unknown))
        }
    }

    private static func unknownRule(_ id: String) -> String {
        "unknown rule id \(id); see docs/rules/README.md for the rules"
    }
}
