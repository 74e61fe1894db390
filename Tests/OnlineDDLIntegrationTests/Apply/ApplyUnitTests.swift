import Foundation
import OnlineDDL
import Testing

@Suite("Integration: apply runs BEGIN … COMMIT blocks as units", .serialized)
struct ApplyUnitTests {
    /// The history row of version 1, checked complete: every statement of the file applied.
    private func expectComplete(_ fixture: ApplyFixture, version: String = "1", statements: Int) throws {
        let record = try #require(try fixture.records()[version])
        #expect(record.statementsApplied == statements && record.statementsTotal == statements, "\(record)")
        #expect(record.isComplete)
    }

    @Test func aPrismaEnumSwapAppliesAsOneBlockAndItsHistoryMatchesTheSchema() throws {
        let fixture = try ApplyFixture([
            "0001_init.sql": "CREATE TYPE \"{t}_mood\" AS ENUM ('sad', 'ok');\nCREATE TABLE {t} (id int, mood \"{t}_mood\");\n"
                + "INSERT INTO {t} VALUES (1, 'ok');\n",
            "0002_add_happy.sql": """
                -- AlterEnum
                BEGIN;
                CREATE TYPE "{t}_mood_new" AS ENUM ('sad', 'ok', 'happy');
                ALTER TABLE "{t}" ALTER COLUMN "mood" TYPE "{t}_mood_new" USING ("mood"::text::"{t}_mood_new");
                DROP TYPE "{t}_mood";
                ALTER TYPE "{t}_mood_new" RENAME TO "{t}_mood";
                COMMIT;

                """,
        ])
        defer { _ = try? fixture.observer.execute("DROP TABLE IF EXISTS \(fixture.table); DROP TYPE IF EXISTS \"\(fixture.table)_mood\"") }
        var events: [RunEvent] = []
        let runner = MigrationRunner(
            connectionString: ConnectionString(try TestDatabase.url()), configuration: fixture.configuration()
        ) { events.append($0) }
        let summary = try runner.run(try fixture.prepared())
        #expect(summary.applied == ["0001", "0002"])
        let started = events.compactMap { event -> RunEvent.MigrationStarted? in
            if case .migrationStarted(let start) = event { start } else { nil }
        }
        #expect(started.map(\.transactional) == [true, false])
        #expect(started.map(\.units) == [1, 1])
        try expectComplete(fixture, statements: 3)
        try expectComplete(fixture, version: "2", statements: 6)
        let row = try fixture.observer.query("""
            SELECT format_type(atttypid, NULL) AS type, (SELECT enum_range(NULL::\"\(fixture.table)_mood\")::text) AS labels
              FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'mood'
            """, [fixture.table]).rows[0]
        #expect(try row.decode("type", as: String.self) == "\(fixture.table)_mood")
        #expect(try row.decode("labels", as: String.self) == "{sad,ok,happy}")
    }

    /// A procedure that commits after each batch (migrations-example's 0022) runs on its
    /// own outside blocks, as psql runs it: inside a transaction its COMMIT fails (2D000).
    @Test func aCallOfACommittingProcedureRunsOnItsOwn() throws {
        let fixture = try ApplyFixture([
            "0001_backfill.sql": """
                -- onlineddl:no-transaction
                CREATE TABLE {t} (id int);
                CREATE PROCEDURE {t}_batches() LANGUAGE plpgsql AS $$
                BEGIN
                    FOR i IN 1..3 LOOP
                        INSERT INTO {t} (id) VALUES (1000 + i);
                        COMMIT;
                    END LOOP;
                END
                $$;
                CALL {t}_batches();
                DO $$ BEGIN INSERT INTO {t} (id) VALUES (2000); COMMIT; END $$;
                DROP PROCEDURE {t}_batches();

                """,
        ])
        let runner = MigrationRunner(connectionString: ConnectionString(try TestDatabase.url()), configuration: fixture.configuration()) { _ in }
        let summary = try runner.run(try fixture.prepared())
        #expect(summary.applied == ["0001"])
        try expectComplete(fixture, statements: 5)
        let count: Int64 = try fixture.observer.query("SELECT count(*) AS n FROM \(fixture.table) WHERE id >= 1000").rows[0].decode("n")
        #expect(count == 4)
    }

    @Test func aBlockThenACreateIndexConcurrentlyAppliesUnitByUnit() throws {
        let fixture = try ApplyFixture([
            "0001_index.sql": """
                BEGIN;
                ALTER TABLE {t} ADD COLUMN a int;
                SAVEPOINT before_update;
                UPDATE {t} SET a = id;
                RELEASE SAVEPOINT before_update;
                COMMIT;
                CREATE INDEX CONCURRENTLY {t}_a_idx ON {t} (a);

                """,
        ])
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (id int); INSERT INTO \(fixture.table) VALUES (1), (2)")
        let output = try fixture.applyCLI()
        #expect(output.status == 0, "\(output.combined)")
        #expect(output.standardOutput.contains("7 statements, in 2 units"), "\(output.standardOutput)")
        try expectComplete(fixture, statements: 7)
        #expect(try fixture.columns() == ["id", "a"])
        let valid = try fixture.observer.query(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)", ["\(fixture.table)_a_idx"]
        ).rows.map { try $0.decode("indisvalid", as: Bool.self) }
        #expect(valid == [true])
        #expect(try fixture.observer.query("SELECT count(*) AS n FROM \(fixture.table) WHERE a = id").rows[0].decode("n", as: Int.self) == 2)
    }

    @Test func aLockTimeoutInsideABlockRetriesTheWholeBlock() throws {
        let fixture = try ApplyFixture([
            "0001_block.sql": "BEGIN;\nCREATE TABLE {t}_side (id int);\nALTER TABLE {t} ADD COLUMN note text;\nCOMMIT;\n",
        ])
        defer { _ = try? fixture.observer.execute("DROP TABLE IF EXISTS \(fixture.table)_side") }
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (id int)")
        let blocker = try SessionWorker(url: TestDatabase.url(), label: "blocker")
        try blocker.run("BEGIN; INSERT INTO \(fixture.table) VALUES (1)")
        let configuration = fixture.configuration {
            $0.predict = false
            $0.lockTimeout = .milliseconds(200)
        }
        let run = try BackgroundRun(try fixture.prepared(), configuration: configuration)
        try run.waitFor { _ in run.events.compactMap(\.event.attemptFailure).count >= 2 }
        try blocker.run("COMMIT")
        let summary = try run.wait().get()
        #expect(summary.applied == ["0001"])
        let failures = run.events.compactMap(\.event.attemptFailure)
        // Each attempt failed at the ALTER, after the CREATE TABLE of the same attempt: had the
        // block not rolled back as a whole, the next attempt's CREATE TABLE would fail with 42P07.
        #expect(failures.allSatisfy { $0.sqlState == "55P03" && $0.position.line == 3 }, "\(failures)")
        #expect(try fixture.records()["1"].map { $0.attempts == failures.count + 1 } == true)
        try expectComplete(fixture, statements: 4)
        #expect(try fixture.columns() == ["id", "note"])
    }

    /// A partitioned table with a partition and an index, as the fixture's table.
    private func createPartitioned(_ fixture: ApplyFixture) throws {
        try fixture.observer.execute("""
            CREATE TABLE \(fixture.table) (id int) PARTITION BY RANGE (id);
            CREATE TABLE \(fixture.table)_p1 PARTITION OF \(fixture.table) FOR VALUES FROM (0) TO (100);
            CREATE INDEX ON \(fixture.table) (id)
            """)
    }

    private func plan(_ fixture: ApplyFixture) throws -> [String: Any] {
        let output = try CLI.run(["plan", fixture.folder, "--database-url", TestDatabase.url(),
                                  "--history-table", fixture.history.description, "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any]
        let migrations = try #require(json?["migrations"] as? [[String: Any]], "\(output.combined)")
        return try #require(migrations.first)
    }

    @Test func aPartitionedReindexTableFileIsPlannedAndAppliedStatementByStatement() throws {
        let fixture = try ApplyFixture([
            "0001_reindex.sql": "REINDEX TABLE {t};\nCOMMENT ON TABLE {t} IS 'reindexed';\n",
        ])
        try createPartitioned(fixture)
        let migration = try plan(fixture)
        #expect(migration["transactional"] as? Bool == false)
        let statements = try #require(migration["statements"] as? [[String: Any]])
        #expect(statements.map { $0["transactional"] as? Bool } == [false, true])
        #expect(statements.map { $0["unit"] as? Int } == [1, 2])
        let units = try #require(migration["units"] as? [[String: Any]])
        #expect(units.map { $0["kind"] as? String } == ["statement", "statement"])

        let output = try fixture.applyCLI()
        #expect(output.status == 0, "\(output.combined)")
        #expect(output.standardOutput.contains("2 statements, statement by statement"), "\(output.standardOutput)")
        try expectComplete(fixture, statements: 2)
    }

    @Test func aPartitionedReindexInsideABlockIsRefusedBeforeAnythingRuns() throws {
        let fixture = try ApplyFixture([
            "0001_reindex.sql": "BEGIN;\nCOMMENT ON TABLE {t} IS 'x';\nREINDEX TABLE {t};\nCOMMIT;\n",
        ])
        try createPartitioned(fixture)
        let migration = try plan(fixture)
        let statements = try #require(migration["statements"] as? [[String: Any]])
        let findings = (statements[2]["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(findings.contains("concurrently-in-transaction"), "\(statements[2])")

        let output = try fixture.applyCLI()
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("\(fixture.path("0001_reindex.sql")):3:1: this statement cannot run inside a transaction block"),
                "\(output.standardError)")
        #expect(output.standardError.contains("25001"))
        #expect(try fixture.records()["1"] == nil)
        let comment = try fixture.observer.query("SELECT obj_description($1::regclass, 'pg_class') AS c", [fixture.table]).rows[0]
        #expect(try comment.decode("c", as: String?.self) == nil, "nothing of the file ran")
    }
}
