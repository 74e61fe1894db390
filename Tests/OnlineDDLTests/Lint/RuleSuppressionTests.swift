import Testing
@testable import OnlineDDLParsing

@Suite("Lint: ignore comments")
struct RuleSuppressionTests {
    private let index = "CREATE INDEX i ON t (a)"

    private func ruleIDs(_ sql: String) throws -> [String] {
        try lintFindings(sql).map(\.ruleID.rawValue)
    }

    @Test func withoutACommentTheRuleFires() throws {
        #expect(try ruleIDs(index + ";") == ["require-concurrent-index"])
    }

    @Test func onTheSameLine() throws {
        #expect(try ruleIDs("\(index); -- onlineddl:ignore require-concurrent-index").isEmpty)
        #expect(try ruleIDs("CREATE INDEX i\n  ON t (a) /* onlineddl:ignore require-concurrent-index */;").isEmpty)
    }

    @Test func onTheLinesAbove() throws {
        #expect(try ruleIDs("-- onlineddl:ignore require-concurrent-index -- t has ten rows\n\(index);").isEmpty)
        #expect(try ruleIDs("""
            -- onlineddl:ignore require-concurrent-index
            -- a second comment line between the directive and the statement
            \(index);
            """).isEmpty)
        #expect(try ruleIDs("-- onlineddl:ignore ALL\n\(index);").isEmpty)
    }

    @Test func aBlankLineOrAnotherStatementEndsTheReach() throws {
        #expect(try ruleIDs("-- onlineddl:ignore require-concurrent-index\n\n\(index);") == ["require-concurrent-index"])
        #expect(try ruleIDs("""
            SELECT 1; -- onlineddl:ignore require-concurrent-index
            \(index);
            """) == ["require-concurrent-index"])
    }

    @Test func onlyTheNamedRulesAreIgnored() throws {
        let sql = """
            -- onlineddl:ignore drop-in-use, rename-in-use
            ALTER TABLE t DROP COLUMN a;
            \(index);
            """
        #expect(try ruleIDs(sql) == ["lock-held-after-access-exclusive", "require-concurrent-index"])
    }

    @Test func fileWide() throws {
        let sql = """
            ALTER TABLE t DROP COLUMN a;
            \(index);
            -- onlineddl:ignore-file require-concurrent-index lock-held-after-access-exclusive
            """
        #expect(try ruleIDs(sql) == ["drop-in-use"])
    }

    @Test func unknownRuleIDs() throws {
        let findings = try lintFindings("""
            -- onlineddl:ignore require-concurent-index
            \(index);
            -- onlineddl:ignore-file
            """)
        #expect(findings.map(\.ruleID.rawValue) == ["unknown-rule-id", "require-concurrent-index", "unknown-rule-id"])
        #expect(findings.map(\.severity) == [.warning, .warning, .warning])
        #expect(findings.map(\.location) == [
            OnlineDDLParsing.SourceLocation(line: 1, column: 1), OnlineDDLParsing.SourceLocation(line: 2, column: 1),
            OnlineDDLParsing.SourceLocation(line: 3, column: 1),
        ])
        #expect(findings.map(\.statementIndex) == [0, 0, nil])
        #expect(findings[0].message.contains("names no rule onlineddl knows: require-concurent-index"))
        #expect(findings[2].message.contains("names no rule, so it switches nothing off"))
    }

    @Test func otherOnlineDDLCommentsAreNotDirectives() throws {
        #expect(try ruleIDs("-- onlineddl:no-transaction\n-- onlineddl:ignored\n\(index);") == ["require-concurrent-index"])
    }
}
