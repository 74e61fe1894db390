import Testing
@testable import OnlineDDLLint
@testable import OnlineDDLLocking
@testable import OnlineDDLParsing

/// Lints `sql` as the file `migration.sql`, run after the `earlier` files of the same
/// migration set, for a PostgreSQL major version.
func lintFindings(
    _ sql: String, version: Int = 15, earlier: [String] = [], configuration: LintConfiguration = LintConfiguration()
) throws -> [Finding] {
    let earlierScripts = try earlier.enumerated().map { index, text in
        AnalyzedScript(script: try SQLScript(file: "\(index + 1).sql", text: text), postgresMajorVersion: version)
    }
    let script = try SQLScript(file: "migration.sql", text: sql)
    let context = LintContext(script: script, postgresMajorVersion: version, earlier: EarlierMigrations(earlierScripts))
    return Linter(configuration: configuration).lint(context)
}

/// The findings of one rule.
func findings(of ruleID: String, in sql: String, version: Int = 15, earlier: [String] = []) throws -> [Finding] {
    try lintFindings(sql, version: version, earlier: earlier).filter { $0.ruleID.rawValue == ruleID }
}

/// Expects exactly one finding of the rule, at `line:column`, with the given severity, whose
/// message names the table, the lock (both its `pg_locks` and SQL names) and what it blocks.
@discardableResult
func expectOneFinding(
    _ ruleID: String, in sql: String, severity: Severity, line: Int, column: Int = 1, table: String,
    lock: LockMode, version: Int = 15, earlier: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> Finding {
    let found = try findings(of: ruleID, in: sql, version: version, earlier: earlier)
    try #require(found.count == 1, "expected one \(ruleID) finding, got \(found)", sourceLocation: sourceLocation)
    let finding = found[0]
    #expect(finding.ruleID.rawValue == ruleID, sourceLocation: sourceLocation)
    #expect(finding.severity == severity, sourceLocation: sourceLocation)
    #expect(finding.location == OnlineDDLParsing.SourceLocation(line: line, column: column), sourceLocation: sourceLocation)
    #expect(finding.file == "migration.sql", sourceLocation: sourceLocation)
    for fragment in [table, "\(lock.pgLocksName) (\(lock.sqlName))", "blocks"] {
        #expect(finding.message.contains(fragment), "message lacks \(fragment): \(finding.message)", sourceLocation: sourceLocation)
    }
    return finding
}
