import Testing
@testable import OnlineDDLParsing

/// PostgreSQL 16–18 syntax: the parser is PostgreSQL 18's, so it parses for every
/// `--pg-version`; the analysis still says when the targeted version lacks a feature.
@Suite("Analysis: PostgreSQL 16-18 syntax")
struct AnalyzerNewSyntaxTests {
    /// Statements that PostgreSQL 15's grammar rejects.
    static let newSyntax = [
        "SELECT * FROM (SELECT 1)",
        "SELECT * FROM (SELECT id FROM t) JOIN (SELECT id FROM u) ON true",
        "SELECT JSON_OBJECT('a': 1), JSON_ARRAY(1, 2), '{}' IS JSON OBJECT",
        "SELECT JSON_VALUE(doc, '$.a'), JSON_QUERY(doc, '$.b'), JSON_EXISTS(doc, '$.c') FROM t",
        "SELECT * FROM JSON_TABLE('[1]'::jsonb, '$[*]' COLUMNS (a int PATH '$')) jt",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING merge_action(), t.*",
        "ALTER TABLE t ADD COLUMN v int GENERATED ALWAYS AS (a * 2) VIRTUAL",
        "CREATE TABLE t (a int, v int GENERATED ALWAYS AS (a * 2))",
        "ALTER TABLE t ADD CONSTRAINT c NOT NULL col NOT VALID",
        "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT ENFORCED",
        "ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES u NOT ENFORCED",
        "ALTER TABLE t ALTER COLUMN c SET EXPRESSION AS (a + 1)",
        "UPDATE t SET a = 1 RETURNING old.a, new.a",
    ]

    @Test(arguments: newSyntax)
    func parses(sql: String) throws {
        let script = try SQLScript(file: "m.sql", text: sql)
        #expect(script.statements.count == 1)
    }

    @Test func subqueryWithoutAliasLocksItsTables() throws {
        let analysis = try analyze("SELECT * FROM (SELECT id FROM t) JOIN (SELECT id FROM u) ON true", version: 16)
        #expect(render(analysis.lockSteps).prefix(2) == ["t AS", "u AS"])
    }

    @Test func returningSubqueriesAreRead() throws {
        let analysis = try analyze("DELETE FROM t WHERE id = 1 RETURNING (SELECT max(id) FROM u)", version: 18)
        #expect(render(analysis.lockSteps).contains("u AS"))
    }

    @Test func virtualGeneratedColumnNeedsNoRewrite() throws {
        let sql = "ALTER TABLE t ADD COLUMN v int GENERATED ALWAYS AS (a * 2) VIRTUAL"
        let analysis = try analyze(sql, version: 18)
        #expect(analysis.classification == .classified)
        #expect(analysis.dataWork.kind == .none)
        #expect(render(analysis.lockSteps).first == "t AE")
        let stored = try analyze("ALTER TABLE t ADD COLUMN v int GENERATED ALWAYS AS (a * 2) STORED", version: 18)
        #expect(stored.dataWork.kind == .rewrite)
    }

    @Test(arguments: [
        ("ALTER TABLE t ADD COLUMN v int GENERATED ALWAYS AS (a * 2) VIRTUAL", "a virtual generated column requires PostgreSQL 18 or later"),
        ("CREATE TABLE t (a int, v int GENERATED ALWAYS AS (a * 2))", "a virtual generated column requires PostgreSQL 18 or later"),
        ("ALTER TABLE t ADD CONSTRAINT c NOT NULL col NOT VALID", "ADD CONSTRAINT … NOT NULL requires PostgreSQL 18 or later"),
        ("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT ENFORCED", "a NOT ENFORCED constraint requires PostgreSQL 18 or later"),
        ("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.*", "MERGE … RETURNING requires PostgreSQL 17 or later"),
    ])
    func olderVersionsSayWhatTheyLack(sql: String, reason: String) throws {
        #expect(try analyze(sql, version: 15).classification == .unclassified(reason: reason))
        #expect(try analyze(sql, version: 18).classification == .classified)
    }

    @Test func enforcedConstraintsNeedNoNewVersion() throws {
        #expect(try analyze("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)", version: 15).classification == .classified)
        #expect(try analyze("ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES u", version: 15).classification == .classified)
    }
}
