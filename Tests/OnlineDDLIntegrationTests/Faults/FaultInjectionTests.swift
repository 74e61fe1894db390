import Foundation
import OnlineDDL
import Testing
import SeededRandom

/// Faults while apply runs, then a rerun: the invariants of `FaultScenario` must hold.
/// `ONLINEDDL_FAULT_RUNS` sets how many random kill -9 rounds run (default 5; `bench/faults`
/// runs 200).
@Suite("Integration: faults while applying, then a rerun", .serialized)
struct FaultInjectionTests {
    static var killRounds: Int {
        ProcessInfo.processInfo.environment["ONLINEDDL_FAULT_RUNS"].flatMap { Int($0) } ?? 5
    }

    @Test func killNineAtRandomPointsNeverBreaksTheInvariants() throws {
        let scenario = try FaultScenario()
        let clean = ContinuousClock.now
        let first = try scenario.rerun()
        try #require(first.status == 0, "\(first.combined)")
        let fullRun = ContinuousClock.now - clean
        #expect(try scenario.violations(settled: true) == [])

        var generator = SplitMix64(seed: 0x5EED_FA17)
        var partialAtKill = 0
        var invalidAtKill = 0
        var violations: [String] = []
        for round in 1...Self.killRounds {
            try scenario.reset()
            let delay = Int.random(in: 0...Int(fullRun.wholeMilliseconds * 11 / 10), using: &generator)
            let process = try scenario.launch()
            usleep(UInt32(delay * 1000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Once the killed runner's sessions are gone (the server notices within a
            // second), nothing changes while the state is checked.
            _ = try scenario.lingeringSessions()
            violations += try scenario.violations(settled: false).map { "round \(round) after kill at \(delay) ms: \($0)" }
            if try scenario.fixture.records().values.contains(where: { !$0.isComplete }) { partialAtKill += 1 }
            invalidAtKill += try scenario.fixture.observer.query(
                "SELECT count(*) AS n FROM pg_index WHERE NOT indisvalid AND indrelid IN (to_regclass($1), to_regclass($2))",
                [scenario.a, scenario.b]).rows[0].decode("n", as: Int.self)
            let rerun = try scenario.rerun()
            if rerun.status != 0 { violations.append("round \(round): rerun exited \(rerun.status): \(rerun.standardError)") }
            violations += try scenario.violations(settled: true).map { "round \(round) after rerun: \($0)" }
            let complete = try scenario.fixture.records().values.filter(\.isComplete).count
            if complete != 7 { violations.append("round \(round): \(complete) of 7 migrations complete after the rerun") }
        }
        print("""
            fault-injection: \(Self.killRounds) kill -9 rounds (full run \(fullRun)): \
            \(partialAtKill) cut a statement-by-statement file, \(invalidAtKill) left an INVALID index for the rerun, \
            \(violations.count) invariant violation(s)
            """)
        #expect(violations == [])
    }

    @Test func theRunnersBackendTerminatedByTheServer() throws {
        let scenario = try FaultScenario()
        try scenario.fixture.write("0008_slow.sql", "INSERT INTO {t}_b (id) SELECT -1 FROM pg_sleep(3);\n")
        let process = try scenario.launch()
        try waitForSlowStatement(scenario)
        try scenario.fixture.observer.execute("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name = 'onlineddl' AND state = 'active' AND position('pg_sleep' in query) > 0
            """)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(try scenario.violations(settled: true) == [])
        try expectRerunCompletes(scenario, migrations: 8)
    }

    /// SIGKILL of the runner's backend process makes the postmaster end every session,
    /// recover from the crash, and restart: a server restart in the middle of a migration.
    @Test func theServerRestartedMidMigration() throws {
        let scenario = try FaultScenario()
        try scenario.fixture.write("0008_slow.sql", "INSERT INTO {t}_b (id) SELECT -1 FROM pg_sleep(3);\n")
        let process = try scenario.launch()
        try waitForSlowStatement(scenario)
        let backend: Int32 = try scenario.fixture.observer.query("""
            SELECT pid FROM pg_stat_activity
             WHERE application_name = 'onlineddl' AND state = 'active' AND position('pg_sleep' in query) > 0
            """).rows[0].decode("pid")
        try #require(kill(backend, SIGKILL) == 0, "the test must be able to signal the server's processes (same host, root or the server's user)")
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        try reconnectAfterRestart(scenario)
        #expect(try scenario.violations(settled: true) == [])
        try expectRerunCompletes(scenario, migrations: 8)
    }

    /// Waits for the crash restart to end the observer's own session (the postmaster ends
    /// every backend once it sees one die, which can come after the runner has exited),
    /// then for the restarted server to accept a new one.
    private func reconnectAfterRestart(_ scenario: FaultScenario) throws {
        let deadline = Date().addingTimeInterval(60)
        while (try? scenario.fixture.observer.execute("SELECT 1")) != nil {
            guard Date() < deadline else { Issue.record("the server did not restart after its backend was killed"); return }
            usleep(20_000)
        }
        while true {
            do {
                try scenario.fixture.reconnect()
                _ = try scenario.fixture.observer.execute("SELECT 1")
                return
            } catch {
                guard Date() < deadline else { throw error }
                usleep(200_000)
            }
        }
    }

    @Test func aStatementTimeoutFiring() throws {
        let scenario = try FaultScenario()
        try scenario.fixture.write("0008_slow.sql", "INSERT INTO {t}_b (id) SELECT -1 FROM pg_sleep(3);\n")
        let timedOut = try scenario.fixture.applyCLI(["--statement-timeout", "500ms"])
        #expect(timedOut.status == 1, "\(timedOut.combined)")
        #expect(timedOut.standardError.contains("57014"))
        #expect(timedOut.standardError.contains("0008_slow.sql:1:1"))
        #expect(try scenario.violations(settled: true) == [])
        #expect(try scenario.fixture.records()["8"] == nil)
        try expectRerunCompletes(scenario, migrations: 8)
    }

    @Test func aDeadlockWithAnApplicationTransactionIsRetried() throws {
        let fixture = try ApplyFixture(["0001_both.sql": "ALTER TABLE {t}_x ADD COLUMN n int;\nALTER TABLE {t}_y ADD COLUMN n int;\n"],
                                       prefix: "deadlock")
        try fixture.observer.execute("CREATE TABLE \(fixture.table)_x (id int); CREATE TABLE \(fixture.table)_y (id int)")
        defer { _ = try? fixture.observer.execute("DROP TABLE IF EXISTS \(fixture.table)_x, \(fixture.table)_y") }
        let app = try SessionWorker(url: TestDatabase.url(), label: "app")
        try app.run("BEGIN; INSERT INTO \(fixture.table)_y VALUES (1)")
        let arguments = ["apply", fixture.folder, "--database-url", try TestDatabase.url(), "--history-table",
                         fixture.history.description, "--no-predict", "--lock-timeout", "10s", "--retry-initial", "100ms"]
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var output: CLI.Output?
        DispatchQueue.global().async {
            output = try? CLI.run(arguments)
            finished.signal()
        }
        // The runner holds x and waits for y; the application now wants x: a deadlock.
        let runner = try waitForOnlineddlWaiter(on: fixture.observer)
        #expect(runner > 0)
        app.send("INSERT INTO \(fixture.table)_x VALUES (1)")
        let appResult = try app.result(within: 30)
        try app.run("COMMIT")
        #expect(finished.wait(timeout: .now() + .seconds(60)) == .success)
        let run = try #require(output)
        #expect(run.status == 0, "\(run.combined)")
        let runnerWasVictim = run.standardOutput.contains("40P01")
        let appWasVictim = (try? appResult.get()) == nil
        #expect(runnerWasVictim || appWasVictim, "one side of the deadlock got 40P01")
        #expect(try fixture.records()["1"]?.isComplete == true)
    }

    /// kill -9 while CREATE INDEX CONCURRENTLY waits for an old snapshot, its index already
    /// built INVALID: the rerun drops that index (not another INVALID index someone else
    /// left on the table) and builds it again. The gate would hold the build back while the
    /// snapshot exists, so the run goes without it (as when the snapshot is taken after the
    /// gate looked).
    @Test func killNineDuringAConcurrentIndexBuild() throws {
        let fixture = try ApplyFixture(["0001_index.sql": "CREATE INDEX CONCURRENTLY {t}_v_idx ON {t} (v);\n"], prefix: "cic")
        try fixture.observer.execute("""
            CREATE TABLE \(fixture.table) (v int); INSERT INTO \(fixture.table) SELECT g FROM generate_series(1, 1000) g;
            CREATE INDEX \(fixture.table)_other ON \(fixture.table) (v);
            UPDATE pg_index SET indisvalid = false WHERE indexrelid = '\(fixture.table)_other'::regclass
            """)
        let snapshotHolder = try SessionWorker(url: TestDatabase.url(), label: "old-snapshot")
        try snapshotHolder.run("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM pg_class")
        let process = Process()
        process.executableURL = try CLI.executable
        process.arguments = ["apply", fixture.folder, "--database-url", try TestDatabase.url(),
                             "--history-table", fixture.history.description, "--no-predict"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while try fixture.observer.query(
            "SELECT count(*) AS n FROM pg_index WHERE indexrelid = to_regclass($1) AND NOT indisvalid", ["\(fixture.table)_v_idx"]
        ).rows[0].decode("n", as: Int.self) == 0 {
            guard Date() < deadline else { throw SessionWorker.TimedOut(what: "the concurrent build's INVALID index") }
            usleep(10_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try fixture.lingeringSessions() == 0)
        #expect(try fixture.records()["1"]?.buildingStatement == 0, "the history notes the build in progress")
        try snapshotHolder.run("COMMIT")

        let rerun = try fixture.applyCLI()
        #expect(rerun.status == 0, "\(rerun.combined)")
        #expect(rerun.standardOutput.contains("dropped INVALID index public.\(fixture.table)_v_idx"), "\(rerun.standardOutput)")
        let indexes = try fixture.observer.query("""
            SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid = $1::regclass ORDER BY 1
            """, [fixture.table]).rows.map { "\(try $0.decode("relname", as: String.self)) \(try $0.decode("indisvalid", as: Bool.self))" }
        #expect(indexes == ["\(fixture.table)_other false", "\(fixture.table)_v_idx true"])
        #expect(try fixture.records()["1"]?.isComplete == true)
    }

    private func waitForSlowStatement(_ scenario: FaultScenario) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let running = try scenario.fixture.observer.query("""
                SELECT count(*) AS n FROM pg_stat_activity
                 WHERE application_name = 'onlineddl' AND state = 'active' AND position('pg_sleep' in query) > 0
                """).rows[0].decode("n", as: Int.self)
            if running > 0 { return }
            usleep(10_000)
        }
        throw SessionWorker.TimedOut(what: "the slow migration statement")
    }

    private func waitForOnlineddlWaiter(on observer: Connection) throws -> Int32 {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let rows = try observer.query("""
                SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE NOT l.granted AND a.application_name = 'onlineddl'
                """).rows
            if let row = rows.first { return try row.decode("pid") }
            usleep(5_000)
        }
        throw SessionWorker.TimedOut(what: "the runner waiting for a lock")
    }

    private func expectRerunCompletes(_ scenario: FaultScenario, migrations: Int) throws {
        let rerun = try scenario.rerun()
        #expect(rerun.status == 0, "\(rerun.combined)")
        #expect(try scenario.violations(settled: true) == [])
        #expect(try scenario.fixture.records().values.filter(\.isComplete).count == migrations)
    }
}
