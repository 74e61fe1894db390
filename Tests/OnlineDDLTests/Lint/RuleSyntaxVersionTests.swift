import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLint
@testable import OnlineDDLParsing

@Suite("Lint: syntax newer than the target version")
struct RuleSyntaxVersionTests {
    private let rule = "syntax-needs-newer-postgres"

    /// Each piece of newer syntax is an error below its version and nothing from it on.
    @Test(arguments: [
        (16, "SELECT * FROM (SELECT 1) JOIN (SELECT 2) ON true", NewerSyntax.subqueryWithoutAlias),
        (16, "UPDATE t SET a = 1 FROM (SELECT id FROM u) WHERE t.id = 1", .subqueryWithoutAlias),
        (16, "SELECT JSON_OBJECT('a': 1)", .jsonConstructor),
        (16, "SELECT '{}' IS JSON OBJECT", .jsonConstructor),
        (16, "SELECT JSON_ARRAYAGG(a) FROM t", .jsonConstructor),
        (17, "SELECT * FROM JSON_TABLE('[1]'::jsonb, '$[*]' COLUMNS (a int PATH '$')) jt", .sqlJSONQuery),
        (17, "SELECT JSON_VALUE('{\"a\": 1}'::jsonb, '$.a')", .sqlJSONQuery),
        (17, "MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE RETURNING t.id", .mergeReturningOrBySource),
        (17, "MERGE INTO t USING u ON t.id = u.id WHEN NOT MATCHED BY SOURCE THEN DELETE", .mergeReturningOrBySource),
        (18, "ALTER TABLE t ADD COLUMN d int GENERATED ALWAYS AS (a * 2) VIRTUAL", .virtualGeneratedColumn),
        (18, "CREATE TABLE v (a int, d int GENERATED ALWAYS AS (a * 2))", .virtualGeneratedColumn),
        (18, "ALTER TABLE t ADD CONSTRAINT a_nn NOT NULL a NOT VALID", .notNullTableConstraint),
        (18, "CREATE TABLE n (a int, NOT NULL a)", .notNullTableConstraint),
        (18, "ALTER TABLE t ADD CONSTRAINT a_max CHECK (a < 10) NOT ENFORCED", .enforcedAttribute),
        (18, "ALTER TABLE t ADD CONSTRAINT t_u_fk FOREIGN KEY (a) REFERENCES u (id) NOT ENFORCED", .enforcedAttribute),
        (18, "CREATE TABLE e (a int CHECK (a > 0) NOT ENFORCED)", .enforcedAttribute),
    ])
    func newerSyntaxIsAnErrorBelowItsVersion(since: Int, sql: String, syntax: NewerSyntax) throws {
        let below = try findings(of: rule, in: sql, version: since - 1)
        try #require(below.count == 1, "\(sql): \(below)")
        #expect(below[0].severity == .error)
        #expect(below[0].message.hasPrefix("\(syntax.description) is PostgreSQL \(since) syntax: PostgreSQL \(since - 1) rejects"))
        #expect(try findings(of: rule, in: sql, version: since).isEmpty, "\(sql)")
    }

    /// What PostgreSQL 15 has is never flagged, however close to the newer syntax.
    @Test(arguments: [
        "SELECT * FROM (SELECT 1) AS s JOIN (SELECT 2) s2 ON true",
        "SELECT * FROM LATERAL (SELECT 1) s",
        "ALTER TABLE t ADD COLUMN d int GENERATED ALWAYS AS (a * 2) STORED",
        "ALTER TABLE t ADD COLUMN i int GENERATED ALWAYS AS IDENTITY",
        "ALTER TABLE t ADD CONSTRAINT a_max CHECK (a < 10) NOT VALID",
        "ALTER TABLE t ADD CONSTRAINT t_u_fk FOREIGN KEY (a) REFERENCES u (id) NOT VALID",
        "CREATE TABLE c (a int NOT NULL CHECK (a > 0), b int REFERENCES u (id) ON DELETE CASCADE, CHECK (a < b))",
        "ALTER TABLE t ADD COLUMN b int NOT NULL DEFAULT 0 CHECK (b >= 0) REFERENCES u (id)",
        "ALTER TABLE t ALTER COLUMN a SET NOT NULL",
        "CREATE DOMAIN positive AS int CHECK (VALUE > 0)",
        "ALTER DOMAIN positive ADD CONSTRAINT below_ten CHECK (VALUE < 10) NOT VALID",
        "MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN UPDATE SET a = u.a WHEN NOT MATCHED THEN INSERT VALUES (u.id)",
        "SELECT '{\"a\": 1}'::jsonb -> 'a', jsonb_build_object('a', 1), to_json(1), json_agg(a) FROM t",
    ])
    func olderSyntaxIsNotFlagged(sql: String) throws {
        #expect(try findings(of: rule, in: sql, version: 15).isEmpty, "\(sql)")
    }

    @Test func anAliasIsTheSafeAlternativeOfASubqueryWithoutOne() throws {
        let found = try findings(of: rule, in: "SELECT 1;\nSELECT * FROM (SELECT 1);", version: 15)
        try #require(found.count == 1)
        #expect(found[0].location == OnlineDDLParsing.SourceLocation(line: 2, column: 1))
        #expect(found[0].safeAlternative?.contains("FROM (SELECT …) AS sub") == true)
        #expect(found[0].safeAlternative?.contains("--pg-version 16") == true)
    }
}
