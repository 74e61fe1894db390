import Foundation
import OnlineDDL
import Testing

@Suite("Integration: apply after kills, signals and failed index builds", .serialized)
struct ApplyFaultTests {
    /// Starts `onlineddl apply` on the fixture without waiting for it.
    private func launchApply(_ fixture: ApplyFixture) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = try CLI.executable
        process.arguments = ["apply", fixture.folder, "--database-url", try TestDatabase.url(),
                             "--history-table", fixture.history.description]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Polls until an onlineddl session runs a statement containing `text`.
    private func waitUntilRunning(_ text: String, on observer: Connection) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let running = try observer.query("""
                SELECT count(*) AS n FROM pg_stat_activity
                 WHERE application_name = 'onlineddl' AND state = 'active' AND position($1 in query) > 0
                """, [text]).rows[0].decode("n", as: Int.self)
            if running > 0 { return }
            usleep(10_000)
        }
        throw SessionWorker.TimedOut(what: "an onlineddl session running \(text)")
    }

    @Test func aRerunAfterKillNineCompletesAndHistoryMatchesTheSchema() throws {
        let fixture = try ApplyFixture([
            "0001_create.sql": "CREATE TABLE {t} (id int);\n",
            "0002_slow.sql": "ALTER TABLE {t} ADD COLUMN note text;\nINSERT INTO {t} SELECT 1 FROM pg_sleep(2);\n",
        ])
        let (process, _, _) = try launchApply(fixture)
        try waitUntilRunning("pg_sleep", on: fixture.observer)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try fixture.lingeringSessions() == 0, "the server ends a killed runner's sessions")
        #expect(try fixture.columns() == ["id"], "the cut-off transaction rolled back")
        #expect(try fixture.records().keys.sorted() == ["1"])
        #expect(try RunnerLock(historyTable: fixture.history).holder(on: fixture.observer) == nil)

        let rerun = try fixture.applyCLI()
        #expect(rerun.status == 0, "\(rerun.combined)")
        #expect(try fixture.records().keys.sorted() == ["1", "2"])
        #expect(try fixture.columns() == ["id", "note"])
        #expect(try fixture.observer.query("SELECT count(*) AS n FROM \(fixture.table)").rows[0].decode("n", as: Int.self) == 1)
    }

    @Test func aRerunAfterKillNineBetweenUnitsResumesAtTheFirstUnitNotCommitted() throws {
        let fixture = try ApplyFixture([
            "0001_units.sql": """
                BEGIN;
                CREATE TABLE {t} (id int);
                COMMIT;
                INSERT INTO {t} SELECT 1 FROM pg_sleep(2);
                BEGIN;
                ALTER TABLE {t} ADD COLUMN note text;
                COMMIT;

                """,
        ])
        let (process, _, _) = try launchApply(fixture)
        try waitUntilRunning("pg_sleep", on: fixture.observer)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try fixture.lingeringSessions() == 0)
        // The first block committed with its progress; the statement cut off rolled back.
        let partial = try #require(try fixture.records()["1"])
        #expect(partial.statementsApplied == 3 && partial.statementsTotal == 7, "\(partial)")
        #expect(try fixture.columns() == ["id"])
        #expect(try fixture.observer.query("SELECT count(*) AS n FROM \(fixture.table)").rows[0].decode("n", as: Int.self) == 0)

        // Re-running the block would fail: CREATE TABLE without IF NOT EXISTS.
        let rerun = try fixture.applyCLI()
        #expect(rerun.status == 0, "\(rerun.combined)")
        #expect(rerun.standardOutput.contains("resuming after statement 3"), "\(rerun.standardOutput)")
        #expect(try fixture.records()["1"]?.isComplete == true)
        #expect(try fixture.columns() == ["id", "note"])
        #expect(try fixture.observer.query("SELECT count(*) AS n FROM \(fixture.table)").rows[0].decode("n", as: Int.self) == 1)
    }

    @Test func sigtermCancelsRollsBackAndReleasesEverything() throws {
        let fixture = try ApplyFixture([
            "0001_slow.sql": "CREATE TABLE {t} (id int);\nINSERT INTO {t} SELECT 1 FROM pg_sleep(30);\n",
        ])
        let (process, out, _) = try launchApply(fixture)
        try waitUntilRunning("pg_sleep", on: fixture.observer)
        let signalled = ContinuousClock.now
        process.terminate()
        process.waitUntilExit()
        #expect(ContinuousClock.now - signalled < .seconds(5))
        #expect(process.terminationStatus == 143)
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.contains("interrupted: 0 applied, 1 pending"), "\(output)")
        #expect(try fixture.columns().isEmpty, "the table creation rolled back")
        #expect(try fixture.records().isEmpty)
        #expect(try fixture.lingeringSessions() == 0)
        #expect(try RunnerLock(historyTable: fixture.history).holder(on: fixture.observer) == nil)
    }

    @Test func aFailedConcurrentIndexBuildLeavesNoInvalidIndex() throws {
        let fixture = try ApplyFixture([
            "0001_unique.sql": "CREATE UNIQUE INDEX CONCURRENTLY {t}_v_key ON {t} (v);\n",
        ])
        try fixture.observer.execute("""
            CREATE TABLE \(fixture.table) (v int);
            INSERT INTO \(fixture.table) VALUES (1), (1);
            CREATE INDEX \(fixture.table)_existing ON \(fixture.table) (v);
            UPDATE pg_index SET indisvalid = false WHERE indexrelid = '\(fixture.table)_existing'::regclass
            """)
        let output = try fixture.applyCLI()
        #expect(output.status == 1, "\(output.combined)")
        #expect(output.standardError.contains("23505"))
        #expect(output.standardOutput.contains("dropped INVALID index public.\(fixture.table)_v_key"), "\(output.standardOutput)")
        let invalid = try fixture.observer.query("""
            SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid = $1::regclass AND NOT i.indisvalid ORDER BY 1
            """, [fixture.table]).rows.map { try $0.decode("relname", as: String.self) }
        #expect(invalid == ["\(fixture.table)_existing"], "only the index the runner built is dropped")
        #expect(try fixture.records().isEmpty)
    }

    @Test func aCutOffStatementByStatementFileResumesAfterItsLastAppliedStatement() throws {
        let fixture = try ApplyFixture([
            "0001_two.sql": """
                CREATE INDEX CONCURRENTLY {t}_v_idx ON {t} (v);
                ALTER TABLE {t}_later ADD COLUMN x int;

                """,
        ])
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (v int)")
        defer { _ = try? fixture.observer.execute("DROP TABLE IF EXISTS \(fixture.table)_later") }
        let failed = try fixture.applyCLI()
        #expect(failed.status == 1, "\(failed.combined)")
        #expect(failed.standardError.contains("\(fixture.path("0001_two.sql")):2:1:"), "\(failed.standardError)")
        let partial = try #require(try fixture.records()["1"])
        #expect(partial.statementsApplied == 1 && partial.statementsTotal == 2)
        let status = try CLI.run(["status", fixture.folder, "--database-url", TestDatabase.url(),
                                  "--history-table", fixture.history.description])
        #expect(status.standardOutput.contains("partial      0001 two  (1 of 2 statements"), "\(status.standardOutput)")

        try fixture.observer.execute("CREATE TABLE \(fixture.table)_later (id int)")
        let resumed = try fixture.applyCLI()
        #expect(resumed.status == 0, "\(resumed.combined)")
        #expect(resumed.standardOutput.contains("resuming after statement 1"))
        #expect(try fixture.records()["1"]?.isComplete == true)
    }
}
