import Foundation
import OnlineDDL
import Testing

/// `plan`'s prediction of whom a `CONCURRENTLY` statement waits for, checked against the
/// server in the scenarios of the concurrent-builds notes (§8): the statement is then run,
/// and `pg_blocking_pids`, its wait event and `pg_stat_progress_create_index` must show it
/// waiting for exactly the predicted transaction, in the predicted phase, until it ends.
///
/// Each test has a database of its own, since the snapshot wait counts every transaction
/// of the database; the observer runs in another one, so its own queries are never waited for.
@Suite("Integration: plan predicts the waits of CONCURRENTLY statements", .serialized)
struct ConcurrentWaitTests {
    /// A fresh database with `a` (20 000 rows, index `a_i`), `b` (one row) and the range-
    /// partitioned `p` (partitions `p1`, `p2`), dropped at `close()`.
    struct Fixture {
        let name = TestDatabase.uniqueName("cic")
        let url: String
        /// A connection to the default database: sets up, observes, and drops.
        let observer: Connection

        init() throws {
            observer = try TestDatabase.connect()
            try observer.execute("CREATE DATABASE \(name)")
            var components = try #require(URLComponents(string: TestDatabase.url()))
            components.path = "/\(name)"
            url = try #require(components.string)
            let setup = try Connection(ConnectionString(url))
            try setup.execute("""
                CREATE TABLE a (id int); INSERT INTO a SELECT generate_series(1, 20000); CREATE INDEX a_i ON a (id);
                CREATE TABLE b (id int); INSERT INTO b VALUES (1);
                CREATE TABLE p (id int) PARTITION BY RANGE (id);
                CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (100);
                CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (100) TO (200);
                """)
        }

        func session(_ label: String) throws -> SessionWorker {
            let worker = try SessionWorker(url: url, label: label)
            try worker.run("SET application_name = '\(label)'")
            return worker
        }

        func close() {
            _ = try? observer.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }

        /// `plan --format json` of one statement: its predicted waits.
        func plannedWaits(_ sql: String) throws -> [ConcurrentWait] {
            let path = try TemporaryFolder.create(["0001_step.sql": sql + ";\n"], prefix: "cic")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let output = try CLI.run(["plan", path, "--database-url", url, "--no-config", "--format", "json"])
            #expect(output.status == 0, "\(output.standardError)")
            let plan = try JSONDecoder().decode(MigrationPlan.self, from: Data(output.standardOutput.utf8))
            return try #require(plan.migrations.first?.statements.first?.concurrentWaits)
        }

        /// `plan`'s text report of one statement.
        func plannedText(_ sql: String) throws -> String {
            let path = try TemporaryFolder.create(["0001_step.sql": sql + ";\n"], prefix: "cic")
            defer { try? FileManager.default.removeItem(atPath: path) }
            return try CLI.run(["plan", path, "--database-url", url, "--no-config"]).standardOutput
        }

        /// Runs `sql` on the observer every 5 ms until it returns a row, for up to 30 s.
        private func firstRow(_ sql: String, _ parameters: [any PostgresEncodable], waitingFor what: String) throws -> Row {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if let row = try observer.query(sql, parameters).rows.first { return row }
                usleep(5_000)
            }
            throw SessionWorker.TimedOut(what: what)
        }

        /// What the server shows of `pid` once it waits for a transaction (Lock/virtualxid or
        /// Lock/transactionid; Lock/relation too with `relation`): the wait event,
        /// `pg_blocking_pids` and the progress phase.
        /// Polls until `pid` waits for a transaction (or, with `relation`, a relation lock),
        /// and, when `progress`, until its progress row shows a phase too: the two views can
        /// be a moment apart when the wait begins.
        func serverWait(of pid: Int32, relation: Bool = false, progress: Bool = false) throws -> (event: String, blocking: String, phase: String?) {
            let row = try firstRow("""
                SELECT a.wait_event, pg_blocking_pids(a.pid)::text AS blocking, c.phase
                  FROM pg_stat_activity a LEFT JOIN pg_stat_progress_create_index c ON c.pid = a.pid
                 WHERE a.pid = $1 AND a.wait_event_type = 'Lock'
                   AND (a.wait_event IN ('virtualxid', 'transactionid') OR ($2 AND a.wait_event = 'relation'))
                   AND (NOT $3 OR c.phase LIKE 'waiting%')
                """, [pid, relation, progress], waitingFor: "pid \(pid) waiting for a transaction")
            return (try row.decode("wait_event"), try row.decode("blocking"), try row.decode("phase"))
        }

        /// Polls until `pid` holds a snapshot (`backend_xmin`).
        func waitUntilSnapshot(_ pid: Int32) throws {
            _ = try firstRow(
                "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND backend_xmin IS NOT NULL", [pid],
                waitingFor: "pid \(pid) holding a snapshot")
        }

        /// Polls until `pid` runs a concurrent build past its first transaction ("building
        /// index…") with a snapshot: the moment PROC_IN_SAFE_IC matters.
        func waitUntilBuilding(_ pid: Int32) throws {
            _ = try firstRow("""
                SELECT 1 FROM pg_stat_activity a JOIN pg_stat_progress_create_index c ON c.pid = a.pid
                 WHERE a.pid = $1 AND a.backend_xmin IS NOT NULL AND c.phase LIKE 'building index%'
                """, [pid], waitingFor: "pid \(pid) building an index")
        }

        /// The pid of the session named `cic-ddl` in the fixture's database, if one runs.
        func ddlPID() throws -> Int32? {
            try observer.query(
                "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'cic-ddl'", [name]
            ).rows.first?.decode("pid", as: Int32.self)
        }
    }

    /// The waited-for sessions of the one phase that has any, as (phase, pid, gid).
    private func waited(_ waits: [ConcurrentWait]) -> [(phase: ConcurrentWaitPhase, pid: Int32?, gid: String?)] {
        waits.flatMap { wait in wait.sessions.map { (wait.phase, $0.pid, $0.preparedTransaction) } }
    }

    /// Runs `ddl` on a session of its own and checks that the server waits for `blocker` in
    /// `phase` (`pg_blocking_pids`, the wait event, the progress phase when there is one),
    /// then that `release` lets it finish.
    private func expectServerWaits(
        _ ddl: String, in fixture: Fixture, for blocker: Int32, event: String, phase: ConcurrentWaitPhase,
        hasProgress: Bool = true, release: () throws -> Void
    ) throws {
        let ddlSession = try fixture.session("cic-ddl")
        ddlSession.send(ddl)
        let wait = try fixture.serverWait(of: ddlSession.pid, progress: hasProgress)
        #expect(wait.event == event)
        #expect(wait.blocking == "{\(blocker)}")
        #expect(wait.phase == (hasProgress ? phase.rawValue : nil))
        try release()
        _ = try ddlSession.result(within: 15).get()
    }

    @Test func anOldSnapshotOnAnotherTableIsWaitedForInTheSnapshotPhase() throws {
        let fixture = try Fixture()
        defer { fixture.close() }
        let blocker = try fixture.session("cic-report")
        try blocker.run("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM b")
        let ddl = "CREATE INDEX CONCURRENTLY a_new ON a (id)"
        let waits = try fixture.plannedWaits(ddl)
        #expect(waits.map(\.phase) == [.writersBeforeBuild, .oldSnapshots])
        #expect(waits.map(\.relation) == ["public.a", nil])
        #expect(waited(waits).map(\.pid) == [blocker.pid])
        let session = try #require(waits.last?.sessions.first)
        #expect(session.reason == .snapshotIdleInTransaction && session.certainty == .certain)
        #expect(session.applicationName == "cic-report" && session.state == "idle in transaction")
        #expect((session.transactionAgeSeconds ?? -1) >= 0)
        let text = try fixture.plannedText(ddl)
        #expect(text.contains("      now: would be granted at once\n      then waiting for writers before build on public.a: nobody now\n"
            + "      then waiting for old snapshots: pid \(blocker.pid), idle in transaction, transaction "), "\(text)")
        #expect(text.contains("app cic-report: holds a snapshot while idle in transaction"))
        try expectServerWaits(ddl, in: fixture, for: blocker.pid, event: "virtualxid", phase: .oldSnapshots) {
            try blocker.run("COMMIT")
        }
    }

    @Test func readCommittedIdleInTransactionIsNotWaitedFor() throws {
        let fixture = try Fixture()
        defer { fixture.close() }
        let idle = try fixture.session("cic-idle")
        try idle.run("BEGIN; SELECT count(*) FROM b")
        let ddl = "CREATE INDEX CONCURRENTLY a_new ON a (id)"
        #expect(waited(try fixture.plannedWaits(ddl)).isEmpty)
        try fixture.session("cic-ddl").run(ddl, within: 30)
        let state = try fixture.observer.query("SELECT state FROM pg_stat_activity WHERE pid = $1", [idle.pid]).rows.first
        #expect(try state?.decode("state", as: String.self) == "idle in transaction", "the transaction was open throughout")
        try idle.run("ROLLBACK")
    }

    @Test func anOpenCursorHoldsASnapshotThatIsWaitedFor() throws {
        let fixture = try Fixture()
        defer { fixture.close() }
        let cursor = try fixture.session("cic-cursor")
        try cursor.run("BEGIN; DECLARE c CURSOR FOR SELECT * FROM b; FETCH 1 FROM c")
        let ddl = "CREATE INDEX CONCURRENTLY a_new ON a (id)"
        let waits = try fixture.plannedWaits(ddl)
        #expect(waited(waits).map(\.phase) == [.oldSnapshots])
        #expect(waited(waits).map(\.pid) == [cursor.pid])
        try expectServerWaits(ddl, in: fixture, for: cursor.pid, event: "virtualxid", phase: .oldSnapshots) {
            try cursor.run("COMMIT")
        }
    }

    @Test func aRunningStatementIsLikelyWaitedForAndThenUntilItsTransactionEnds() throws {
        let fixture = try Fixture()
        defer { fixture.close() }
        let sleeper = try fixture.session("cic-sleeper")
        sleeper.send("BEGIN; SELECT pg_sleep(2)")
        try fixture.waitUntilSnapshot(sleeper.pid)
        let ddl = "CREATE INDEX CONCURRENTLY a_new ON a (id)"
        let waits = try fixture.plannedWaits(ddl)
        #expect(waited(waits).map(\.pid) == [sleeper.pid])
        #expect(waits.last?.sessions.first?.reason == .snapshotInStatement)
        #expect(waits.last?.sessions.first?.certainty == .likely)
        try expectServerWaits(ddl, in: fixture, for: sleeper.pid, event: "virtualxid", phase: .oldSnapshots) {
            // Once waited for, it is waited for until COMMIT, idle and without a snapshot.
            _ = try sleeper.result(within: 30).get()
            let wait = try fixture.serverWait(of: try #require(try fixture.ddlPID()))
            #expect(wait.blocking == "{\(sleeper.pid)}")
            try sleeper.run("COMMIT")
        }
    }

    @Test func lazyVacuumIsNotWaitedForAnalyzeIs() throws {
        let fixture = try Fixture()
        defer { fixture.close() }
        let vacuum = try fixture.session("cic-vacuum")
        // About 90 pages at 100 ms each: seconds of VACUUM or ANALYZE of `a` holding a snapshot.
        try vacuum.run("SET vacuum_cost_delay = '100ms'; SET vacuum_cost_limit = 1")
        vacuum.send("VACUUM (DISABLE_PAGE_SKIPPING) a")
        try fixture.waitUntilSnapshot(vacuum.pid)
        let ddl = "CREATE INDEX CONCURRENTLY b_new ON b (id)"
        #expect(waited(try fixture.plannedWaits(ddl)).isEmpty)
        try fixture.session("cic-ddl").run(ddl, within: 30)
        #expect(vacuum.isBusy, "VACUUM still ran when the statement finished")
        try vacuum.canceller.cancel()
        _ = try? vacuum.result(within: 30)

        vacuum.send("ANALYZE a")
        try fixture.waitUntilSnapshot(vacuum.pid)
        let waits = try fixture.plannedWaits("CREATE INDEX CONCURRENTLY b_newer ON b (id)")
        #expect(waited(waits).map(\.pid) == [vacuum.pid])
        try expectServerWaits("CREATE INDEX CONCURRENTLY b_newer ON b (id)", in: fixture, for: vacuum.pid, event: "virtualxid",
                              phase: .oldSnapshots) {
            try vacuum.canceller.cancel()
            _ = try? vacuum.result(within: 30)
        }
    }

    @Test func writersOfTheTableAreWaitedForBeforeTheBuildPreparedOnesByGid() throws {
        let fixture = try Fixture()
        defer { fixture.close() }
        let writer = try fixture.session("cic-writer")
        try writer.run("BEGIN; INSERT INTO a VALUES (0)")
        let ddl = "CREATE INDEX CONCURRENTLY a_new ON a (id)"
        let waits = try fixture.plannedWaits(ddl)
        #expect(waited(waits).map(\.phase) == [.writersBeforeBuild])
        #expect(waited(waits).map(\.pid) == [writer.pid])
        #expect(waits.first?.sessions.first?.mode == .rowExclusive)
        try expectServerWaits(ddl, in: fixture, for: writer.pid, event: "virtualxid", phase: .writersBeforeBuild) {
            try writer.run("COMMIT")
        }

        let gid = TestDatabase.uniqueName("cic_prepared")
        try writer.run("BEGIN; INSERT INTO a VALUES (0); PREPARE TRANSACTION '\(gid)'")
        defer { _ = try? fixture.observer.execute("ROLLBACK PREPARED '\(gid)'") }
        let preparedWaits = try fixture.plannedWaits("CREATE INDEX CONCURRENTLY a_newer ON a (id)")
        #expect(waited(preparedWaits).map(\.phase) == [.writersBeforeBuild])
        #expect(waited(preparedWaits).map(\.gid) == [gid])
        #expect(waited(preparedWaits).map(\.pid) == [nil])
        let ddlSession = try fixture.session("cic-ddl")
        ddlSession.send("CREATE INDEX CONCURRENTLY a_newer ON a (id)")
        // The wait event is read live from the backend, the phase from a copy of its status
        // taken at the query's start: poll until both show the wait.
        let wait = try fixture.serverWait(of: ddlSession.pid, progress: true)
        #expect(wait.event == "transactionid")
        // A prepared transaction has no pid: pg_blocking_pids shows it as 0.
        #expect(wait.blocking == "{0}")
        #expect(wait.phase == ConcurrentWaitPhase.writersBeforeBuild.rawValue)
        let committer = try SessionWorker(url: fixture.url, label: "cic-commit")
        try committer.run("COMMIT PREPARED '\(gid)'")
        _ = try ddlSession.result(within: 15).get()

        // A prepared transaction that wrote only another table is not waited for.
        let other = TestDatabase.uniqueName("cic_prepared")
        try writer.run("BEGIN; INSERT INTO b VALUES (0); PREPARE TRANSACTION '\(other)'")
        defer { _ = try? committer.run("ROLLBACK PREPARED '\(other)'") }
        #expect(waited(try fixture.plannedWaits("CREATE INDEX CONCURRENTLY a_newest ON a (id)")).isEmpty)
        try fixture.session("cic-ddl").run("CREATE INDEX CONCURRENTLY a_newest ON a (id)", within: 30)
    }

    @Test func aSnapshotInAnotherDatabaseIsNotWaitedFor() throws {
        let fixture = try Fixture()
        defer { fixture.close() }
        let elsewhere = try SessionWorker(url: TestDatabase.url(), label: "cic-elsewhere")
        try elsewhere.run("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT pg_current_xact_id()")
        defer { _ = try? elsewhere.run("ROLLBACK") }
        let ddl = "CREATE INDEX CONCURRENTLY a_new ON a (id)"
        #expect(waited(try fixture.plannedWaits(ddl)).isEmpty)
        try fixture.session("cic-ddl").run(ddl, within: 30)
        #expect(elsewhere.isBusy == false)
        let open = try fixture.observer.query("SELECT backend_xmin IS NOT NULL AS open FROM pg_stat_activity WHERE pid = $1", [elsewhere.pid])
        #expect(try open.rows.first?.decode("open", as: Bool.self) == true, "the other database's snapshot was held throughout")
    }

    @Test func aSafeConcurrentBuildOnAnotherTableIsNotWaitedForAnUnsafeOneIs() throws {
        let fixture = try Fixture()
        defer { fixture.close() }
        // A comparison that sleeps makes a plain-column (safe) build last seconds.
        let setup = try fixture.session("cic-setup")
        try setup.run("""
            CREATE FUNCTION slow_cmp(int, int) RETURNS int LANGUAGE plpgsql IMMUTABLE
                AS $$ BEGIN PERFORM pg_sleep(0.02); RETURN btint4cmp($1, $2); END $$;
            CREATE OPERATOR CLASS slow_ops FOR TYPE int USING btree AS
                OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 slow_cmp(int, int);
            CREATE TABLE c (id int); INSERT INTO c SELECT generate_series(1, 300)
            """)
        let build = try fixture.session("cic-other-build")
        build.send("CREATE INDEX CONCURRENTLY c_safe ON c (id slow_ops)")
        try fixture.waitUntilBuilding(build.pid)
        let ddl = "CREATE INDEX CONCURRENTLY a_new ON a (id)"
        #expect(waited(try fixture.plannedWaits(ddl)).isEmpty)
        try fixture.session("cic-ddl").run(ddl, within: 30)
        #expect(build.isBusy, "the safe build still ran when the statement finished")
        _ = try build.result(within: 60).get()

        // A partial index is not safe: its build's snapshot is waited for.
        build.send("CREATE INDEX CONCURRENTLY c_partial ON c (id slow_ops) WHERE id > 0")
        try fixture.waitUntilBuilding(build.pid)
        let waits = try fixture.plannedWaits("CREATE INDEX CONCURRENTLY a_newer ON a (id)")
        #expect(waited(waits).map(\.phase) == [.oldSnapshots])
        #expect(waited(waits).map(\.pid) == [build.pid])
        #expect(waits.last?.sessions.first?.reason == .snapshotInStatement)
        #expect(waits.last?.sessions.first?.certainty == .likely)
        try expectServerWaits("CREATE INDEX CONCURRENTLY a_newer ON a (id)", in: fixture, for: build.pid, event: "virtualxid",
                              phase: .oldSnapshots) {
            _ = try build.result(within: 60).get()
        }
    }

    @Test func dropIndexReindexAndDetachConcurrentlyWaitForReadersNotSnapshots() throws {
        let fixture = try Fixture()
        defer { fixture.close() }
        let snapshot = try fixture.session("cic-report")
        try snapshot.run("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM b")
        #expect(waited(try fixture.plannedWaits("DROP INDEX CONCURRENTLY a_i")).isEmpty)
        #expect(waited(try fixture.plannedWaits("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY")).isEmpty)
        try snapshot.run("COMMIT")

        let reader = try fixture.session("cic-reader")
        try reader.run("BEGIN; SELECT 1 FROM a LIMIT 1")
        let reindex = try fixture.plannedWaits("REINDEX INDEX CONCURRENTLY a_i")
        #expect(reindex.map(\.phase) == [.writersBeforeBuild, .oldSnapshots, .readersBeforeMarkingDead])
        #expect(waited(reindex).map(\.phase) == [.readersBeforeMarkingDead])
        #expect(waited(reindex).map(\.pid) == [reader.pid])
        #expect(reindex.last?.sessions.first?.mode == .accessShare)
        try expectServerWaits("REINDEX INDEX CONCURRENTLY a_i", in: fixture, for: reader.pid, event: "virtualxid",
                              phase: .readersBeforeMarkingDead) {
            try reader.run("COMMIT")
        }

        try reader.run("BEGIN; SELECT 1 FROM a LIMIT 1")
        let drop = try fixture.plannedWaits("DROP INDEX CONCURRENTLY a_i")
        #expect(drop.map(\.phase) == [.lockersOfTable])
        #expect(waited(drop).map(\.pid) == [reader.pid])
        try expectServerWaits("DROP INDEX CONCURRENTLY a_i", in: fixture, for: reader.pid, event: "virtualxid",
                              phase: .lockersOfTable, hasProgress: false) {
            try reader.run("COMMIT")
        }

        // A reader of the partition only: DETACH waits in the queue for ACCESS EXCLUSIVE on it,
        // which the lock prediction names, not for lockers of the partitioned table.
        try reader.run("BEGIN; SELECT count(*) FROM p1")
        let queued = try fixture.plannedWaits("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY")
        #expect(waited(queued).isEmpty)
        let detachSession = try fixture.session("cic-ddl")
        detachSession.send("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY")
        let queueWait = try fixture.serverWait(of: detachSession.pid, relation: true)
        #expect(queueWait.event == "relation")
        #expect(queueWait.blocking == "{\(reader.pid)}")
        try reader.run("COMMIT")
        _ = try detachSession.result(within: 15).get()
        try fixture.session("cic-setup").run("ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM (0) TO (100)")

        try reader.run("BEGIN; SELECT count(*) FROM p")
        let detach = try fixture.plannedWaits("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY")
        #expect(detach.map(\.relation) == ["public.p"])
        #expect(waited(detach).map(\.pid) == [reader.pid])
        try expectServerWaits("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY", in: fixture, for: reader.pid, event: "virtualxid",
                              phase: .lockersOfTable, hasProgress: false) {
            try reader.run("COMMIT")
        }
    }
}
