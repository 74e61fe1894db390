import Foundation
import OnlineDDL
import Testing

/// `syntax-needs-newer-postgres` against the server `scripts/test` started (run it for 15
/// and 18): a statement of the ground-truth set is flagged for the server's version exactly
/// when that server rejects it with a syntax error (42601).
@Suite("GroundTruth: syntax-needs-newer-postgres against the server's grammar", .serialized)
struct GroundTruthSyntaxVersionTests {
    private static let rule = "syntax-needs-newer-postgres"

    @Test func flaggedExactlyWhenTheServerRejectsTheSyntax() throws {
        let connection = try GroundTruthFixture.connect()
        let version = connection.serverVersion / 10000
        if let expected = TestDatabase.expectedMajorVersion { try #require(version == expected) }
        for sql in GroundTruthStatements.transactional + GroundTruthSampledStatement.all.map(\.sql) {
            #expect(try !Self.isFlagged(sql, version: version), "\(sql) runs on PostgreSQL \(version)")
        }
        for (since, sql) in GroundTruthStatements.newSyntax {
            try connection.execute("BEGIN")
            var syntaxError = false
            do {
                try connection.execute(sql)
            } catch {
                syntaxError = error.sqlState?.rawValue == "42601"
            }
            try connection.execute("ROLLBACK")
            #expect(try Self.isFlagged(sql, version: version) == syntaxError,
                    "PostgreSQL \(version) \(syntaxError ? "rejects" : "parses") \(sql) (PostgreSQL \(since) syntax)")
        }
    }

    private static func isFlagged(_ sql: String, version: Int) throws -> Bool {
        let script = try SQLScript(file: "ground-truth.sql", text: sql)
        let findings = Linter().lint(LintContext(script: script, postgresMajorVersion: version))
        return findings.contains { $0.ruleID.rawValue == rule }
    }
}
