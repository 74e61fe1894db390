import Foundation
import Testing
@testable import OnlineDDLLint
@testable import OnlineDDLParsing

@Suite("Lint: configuration, ordering and encoding")
struct RuleConfigurationTests {
    private let sql = "ALTER TABLE t DROP COLUMN a;\nCREATE INDEX i ON t (a);"

    @Test func disabledRulesDoNotRun() throws {
        let configuration = LintConfiguration(disabledRules: ["require-concurrent-index", "lock-held-after-access-exclusive"])
        #expect(try lintFindings(sql, configuration: configuration).map(\.ruleID.rawValue) == ["drop-in-use"])
    }

    @Test func severityOverrides() throws {
        let configuration = LintConfiguration(severityOverrides: ["drop-in-use": .error, "require-concurrent-index": .info])
        let findings = try lintFindings(sql, configuration: configuration)
        #expect(findings.map(\.ruleID.rawValue) == ["drop-in-use", "lock-held-after-access-exclusive", "require-concurrent-index"])
        #expect(findings.map(\.severity) == [.error, .warning, .info])
    }

    @Test func findingsAreSortedByLocationThenSeverity() throws {
        let findings = try lintFindings("TRUNCATE a CASCADE; ALTER TABLE b DROP COLUMN c;\nVACUUM FULL d;")
        #expect(findings.map(\.ruleID.rawValue) == [
            "truncate-cascade", "drop-in-use", "vacuum-full-or-cluster", "mixed-transactional-statements",
        ])
    }

    @Test func configurationIsCodableAndReportsUnknownRuleIDs() throws {
        let json = #"{"disabledRules":["rename-in-use","no-such-rule"],"severityOverrides":{"drop-in-use":"error","typo":"info"}}"#
        let configuration = try JSONDecoder().decode(LintConfiguration.self, from: Data(json.utf8))
        #expect(configuration == LintConfiguration(
            disabledRules: ["rename-in-use", "no-such-rule"], severityOverrides: ["drop-in-use": .error, "typo": .info]))
        #expect(configuration.unknownRuleIDs == ["no-such-rule", "typo"])
        let roundTrip = try JSONDecoder().decode(LintConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(roundTrip == configuration)
    }

    @Test func severitiesAreOrderedAndEncodedInLowerCase() throws {
        #expect(Severity.allCases.sorted() == [.info, .warning, .error])
        #expect(String(decoding: try JSONEncoder().encode([Severity.error, .info]), as: UTF8.self) == #"["error","info"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Severity.self, from: Data(#""Error""#.utf8)) }
    }

    @Test func findingsAreCodable() throws {
        let finding = try #require(try lintFindings("CREATE INDEX i ON t (a)").first)
        let decoded = try JSONDecoder().decode(Finding.self, from: JSONEncoder().encode(finding))
        #expect(decoded == finding)
        #expect(finding.description.hasPrefix("migration.sql:1:1: warning: CREATE INDEX without CONCURRENTLY"))
        #expect(finding.description.hasSuffix("[require-concurrent-index]"))
    }

    @Test func aMigrationSetIsLintedFileByFileWithTheEarlierFilesAsContext() throws {
        let scripts = try [
            SQLScript(file: "001.sql", text: "CREATE INDEX CONCURRENTLY orders_customer ON orders (customer_id)"),
            SQLScript(file: "002.sql", text: "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers NOT VALID"),
            SQLScript(file: "003.sql", text: "ALTER TABLE items ADD FOREIGN KEY (order_id) REFERENCES orders NOT VALID"),
        ]
        let findings = Linter().lint(migrationSet: scripts, postgresMajorVersion: 15)
        #expect(findings.map(\.file) == ["003.sql"])
        #expect(findings.map(\.ruleID.rawValue) == ["foreign-key-without-index"])
    }

    @Test func everyRuleHasAUniqueKebabCaseIDAndASummary() {
        let ids = Linter.builtInRules.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in Linter.builtInRules {
            #expect(!rule.id.rawValue.isEmpty && rule.id.rawValue.allSatisfy { $0 == "-" || ("a"..."z").contains($0) }, "\(rule.id)")
            #expect(!rule.summary.isEmpty && !rule.summary.contains("\n"), "\(rule.id)")
        }
    }
}
