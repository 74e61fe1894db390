import Testing
@testable import OnlineDDLParsing

@Suite("Analysis: statements that are not modelled are reported, never guessed")
struct AnalyzerUnclassifiedTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let version: Int
        let sql: String
        let reason: String
        let transactional: Bool
        var testDescription: String { "PG \(version): \(sql)" }
    }

    static let cases: [Case] = [
        Case(version: 15, sql: "DO $$ BEGIN PERFORM 1; END $$", reason: "DO runs an opaque procedural body", transactional: true),
        Case(version: 15, sql: "CALL p()", reason: "CALL runs an opaque procedure body", transactional: true),
        Case(version: 15, sql: "CREATE PUBLICATION pub FOR TABLE t", reason: "CreatePublicationStmt is not modelled", transactional: true),
        Case(version: 15, sql: "LISTEN ch", reason: "ListenStmt is not modelled", transactional: true),
        Case(version: 15, sql: "VACUUM", reason: "VACUUM without tables processes every table in turn; not modelled", transactional: false),
        Case(version: 15, sql: "ANALYZE", reason: "ANALYZE without tables processes every table in turn; not modelled", transactional: true),
        Case(version: 15, sql: "CLUSTER", reason: "CLUSTER without a table reclusters every previously clustered table; not modelled", transactional: false),
        Case(version: 15, sql: "REINDEX SCHEMA s", reason: "REINDEX SCHEMA locks every table in turn; not modelled", transactional: false),
        Case(version: 15, sql: "REINDEX DATABASE d", reason: "REINDEX DATABASE locks every table in turn; not modelled", transactional: false),
        Case(version: 14, sql: "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", reason: "MERGE requires PostgreSQL 15 or later", transactional: true),
        Case(version: 13, sql: "ALTER TABLE t ALTER COLUMN c SET COMPRESSION lz4", reason: "ALTER COLUMN … SET COMPRESSION requires PostgreSQL 14 or later", transactional: true),
        Case(version: 14, sql: "ALTER TABLE t SET ACCESS METHOD heap", reason: "SET ACCESS METHOD requires PostgreSQL 15 or later", transactional: true),
        Case(version: 12, sql: "ALTER TABLE t ALTER COLUMN g DROP EXPRESSION", reason: "ALTER COLUMN … DROP EXPRESSION requires PostgreSQL 13 or later", transactional: true),
        Case(version: 13, sql: "ALTER TABLE p DETACH PARTITION c CONCURRENTLY", reason: "DETACH PARTITION … CONCURRENTLY requires PostgreSQL 14 or later", transactional: true),
        Case(version: 13, sql: "ALTER TABLE p DETACH PARTITION c FINALIZE", reason: "DETACH PARTITION … FINALIZE requires PostgreSQL 14 or later", transactional: true),
        Case(version: 11, sql: "REINDEX TABLE CONCURRENTLY t", reason: "REINDEX CONCURRENTLY requires PostgreSQL 12 or later", transactional: true),
        Case(version: 15, sql: "ALTER TYPE addr ADD ATTRIBUTE zip text", reason: "ALTER of OBJECT_TYPE is not modelled", transactional: true),
        Case(version: 15, sql: "CREATE SCHEMA s CREATE TABLE t (a int)", reason: "CREATE SCHEMA with embedded statements is not modelled", transactional: true),
        Case(version: 15, sql: "DROP PUBLICATION pub", reason: "DROP of OBJECT_PUBLICATION is not modelled", transactional: true),
        Case(version: 15, sql: "CREATE TABLE n AS EXECUTE q", reason: "CREATE TABLE AS EXECUTE runs a prepared statement", transactional: true),
        Case(version: 15, sql: "DROP SUBSCRIPTION sub",
             reason: "DropSubscriptionStmt is not modelled; it cannot run in a transaction block when it creates or drops a replication slot",
             transactional: false),
    ]

    @Test(arguments: cases)
    func unclassified(_ testCase: Case) throws {
        let analysis = try analyze(testCase.sql, version: testCase.version)
        #expect(analysis.classification == .unclassified(reason: testCase.reason))
        #expect(analysis.lockSteps.isEmpty)
        #expect(analysis.transactional == testCase.transactional)
        #expect(analysis.facts == .none)
    }

    /// The parser is PostgreSQL 18's (libpg_query 18): its syntax parses whatever
    /// `--pg-version` the analysis is for.
    @Test func postgres18SyntaxParses() throws {
        for sql in [
            "ALTER TABLE t ADD CONSTRAINT c NOT NULL col NOT VALID",
            "ALTER TABLE t ALTER COLUMN c SET EXPRESSION AS (a + 1)",
        ] {
            #expect(try SQLScript(file: "m.sql", text: sql).statements.count == 1)
        }
    }
}
