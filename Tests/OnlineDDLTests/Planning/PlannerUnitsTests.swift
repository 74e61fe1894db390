import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLint
@testable import OnlineDDLMigrations
@testable import OnlineDDLPlanning
@testable import OnlineDDLReporting

@Suite("Planning: the units a file runs in, decided once")
struct PlannerUnitsTests {
    private func plan(
        _ sql: String, resolve: (StatementAnalysis) -> MigrationPlanner.Resolution = MigrationPlanner.asWritten
    ) throws -> MigrationPlan.Migration {
        let file = MigrationFile(version: "1", name: "step", path: "db/1_step.sql", contents: Array(sql.utf8))
        let input = MigrationPlanner.Input(try PreparedMigration(file: file))
        let plan = MigrationPlanner(postgresMajorVersion: 15, linter: Linter()).plan([input], connected: false, resolve: resolve)
        return try #require(plan.migrations.first)
    }

    @Test func blocksAndStatementsOutsideThemAreShownAsUnits() throws {
        let migration = try plan("""
            BEGIN;
            ALTER TABLE t ADD COLUMN a int;
            COMMIT;
            CREATE INDEX CONCURRENTLY i ON t (a);
            """)
        #expect(!migration.transactional)
        #expect(migration.units.map { "\($0.kind) \($0.first)-\($0.last)" } == ["block 1-3", "statement 4-4"])
        #expect(migration.statements.map(\.unit) == [1, 1, 1, 2])
        let text = PlanTextReport.render(MigrationPlan(postgresVersion: 15, connected: false, migrations: [migration]))
        #expect(text.contains("(db/1_step.sql): 2 units, committed one by one: 1 BEGIN … COMMIT block(s), 1 statement(s) on their own"), "\(text)")
        #expect(text.contains("  unit 1: BEGIN … COMMIT, statements 1-3 in one transaction\n  1:1  BEGIN"), "\(text)")
        #expect(text.contains("  unit 2: statement 4 on its own\n  4:1  CREATE INDEX CONCURRENTLY"), "\(text)")
    }

    @Test func aPlainFileIsOneUnitAndTheTextStaysAsItWas() throws {
        let migration = try plan("ALTER TABLE t ADD COLUMN a int;\nUPDATE t SET a = 1;")
        #expect(migration.transactional)
        #expect(migration.units.map(\.kind) == [.file])
        let text = PlanTextReport.render(MigrationPlan(postgresVersion: 15, connected: false, migrations: [migration]))
        #expect(text.contains("(db/1_step.sql): one transaction\n"))
        #expect(!text.contains("unit 1"))
    }

    /// What the catalog says about `REINDEX TABLE` of a partitioned table, without a database.
    private static func partitioned(_ analysis: StatementAnalysis) -> MigrationPlanner.Resolution {
        let written = MigrationPlanner.asWritten(analysis)
        return MigrationPlanner.Resolution(
            locks: written.locks, dataWork: written.dataWork, transactional: analysis.facts.reindex == nil && written.transactional)
    }

    @Test func theResolvedTransactionalDecidesTheFileAndTheRules() throws {
        let migration = try plan("REINDEX TABLE events;\nCOMMENT ON TABLE events IS 'x';", resolve: Self.partitioned)
        #expect(!migration.transactional, "a file cannot say one transaction and cannot-run-in-a-transaction at once")
        #expect(migration.statements.map(\.transactional) == [false, true])
        #expect(migration.units.map(\.kind) == [.statement, .statement])
        let text = PlanTextReport.render(MigrationPlan(postgresVersion: 15, connected: true, migrations: [migration]))
        #expect(text.contains("statement by statement (has statements that cannot run in a transaction)"), "\(text)")

        let inBlock = try plan("BEGIN;\nREINDEX TABLE events;\nCOMMIT;", resolve: Self.partitioned)
        #expect(inBlock.statements[1].findings.map(\.rule).contains("concurrently-in-transaction"))
        #expect(inBlock.statements[1].findings.first { $0.rule == "concurrently-in-transaction" }?.severity == .error)
    }
}
