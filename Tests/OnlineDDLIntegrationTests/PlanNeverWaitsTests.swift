import Foundation
import OnlineDDL
import Testing

/// `plan` (and `status`) while another session holds a table in ACCESS EXCLUSIVE mode: the
/// incident an operator runs them in. Their reads never queue behind the holder, so they
/// answer within a second; a touched table's size is then the `relpages` estimate. `apply`'s
/// catalog read, the same reads without sizes, is not held up by a table it does not touch.
@Suite("Integration: plan, status and apply reads never queue behind a lock")
struct PlanNeverWaitsTests {
    /// The most a connected plan may take, process start included.
    static let answerWithin = 1.0
    /// Bounds a regression that queues behind the holder (who waits for the test to end) to
    /// a failed run rather than a hung test.
    static let bounded = ["PGOPTIONS": "-c statement_timeout=5s"]

    /// A migrations folder with one scan of `table`, and the table with a CHECK constraint
    /// (whose definition plan would read with pg_get_constraintdef), rows and statistics;
    /// `other` is a second table with a CHECK the migration does not touch.
    struct Fixture {
        let admin: Connection
        let table = TestDatabase.uniqueName("plan_touched")
        let other = TestDatabase.uniqueName("plan_other")
        let path: String

        init() throws {
            admin = try TestDatabase.connect()
            try admin.execute("""
                CREATE TABLE \(table) (id int PRIMARY KEY, note text CHECK (note <> ''));
                INSERT INTO \(table) SELECT i, repeat('x', 200) FROM generate_series(1, 2000) AS i;
                CREATE TABLE \(other) (id int PRIMARY KEY, note text CHECK (note <> ''));
                """)
            try admin.execute("VACUUM ANALYZE \(table)")
            path = FileManager.default.temporaryDirectory.appendingPathComponent("plan-nowait-\(UUID())").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try Data("CREATE INDEX \(table)_note_idx ON \(table) (note);\n".utf8)
                .write(to: URL(fileURLWithPath: path).appendingPathComponent("0001_index.sql"))
        }

        func remove() {
            _ = try? admin.execute("DROP TABLE IF EXISTS \(table), \(other)")
            try? FileManager.default.removeItem(atPath: path)
        }

        func figure(_ sql: String) throws -> Int {
            try admin.query("SELECT (\(sql))::int8 AS n", [table]).rows[0].decode("n")
        }

        /// Runs `onlineddl plan --format json`, checks that it answered in time, and decodes it.
        func plan() throws -> (MigrationPlan, CLI.Output) {
            let started = Date()
            let output = try CLI.run(
                ["plan", path, "--database-url", try TestDatabase.url(), "--format", "json"], environment: PlanNeverWaitsTests.bounded)
            let elapsed = Date().timeIntervalSince(started)
            #expect(elapsed < PlanNeverWaitsTests.answerWithin, "plan took \(elapsed) s")
            #expect(output.status == 0, "\(output.standardError)")
            return (try JSONDecoder().decode(MigrationPlan.self, from: Data(output.standardOutput.utf8)), output)
        }
    }

    @Test func aHolderOnTheTouchedTableIsThePrediction() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let holder = try SessionWorker(url: TestDatabase.url(), label: "holder")
        defer { _ = try? holder.run("ROLLBACK") }
        try holder.run("BEGIN; LOCK TABLE \(fixture.table) IN ACCESS EXCLUSIVE MODE")

        let (plan, _) = try fixture.plan()
        let statement = try #require(plan.migrations.first?.statements.first)
        let prediction = try #require(statement.prediction)
        #expect(prediction.outcome == .wait)
        #expect(prediction.mode == .share)
        #expect(prediction.blockers.map(\.session.pid) == [holder.pid])
        let size = try #require(statement.size)
        #expect(size.bytesEstimated)
        #expect(size.bytes == (try fixture.figure(
            "SELECT relpages::int8 * current_setting('block_size')::int8 FROM pg_class WHERE oid = $1::regclass")))
        #expect(size.estimatedRows == 2000)
        let text = try CLI.run(["plan", fixture.path, "--database-url", try TestDatabase.url()], environment: Self.bounded)
        #expect(text.standardOutput.contains("estimated from relpages"))
        #expect(text.standardOutput.contains("now: would WAIT for ShareLock on public.\(fixture.table) behind pid \(holder.pid)"))
    }

    @Test func aHolderOnAnotherTableChangesNothing() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let holder = try SessionWorker(url: TestDatabase.url(), label: "holder")
        defer { _ = try? holder.run("ROLLBACK") }
        try holder.run("BEGIN; LOCK TABLE \(fixture.other) IN ACCESS EXCLUSIVE MODE")

        let (plan, _) = try fixture.plan()
        let statement = try #require(plan.migrations.first?.statements.first)
        #expect(statement.prediction?.outcome == .granted)
        let size = try #require(statement.size)
        #expect(!size.bytesEstimated)
        #expect(size.bytes == (try fixture.figure("SELECT pg_total_relation_size($1::regclass)")))
    }

    @Test func aWaiterForAccessExclusiveIsNotQueuedBehindEither() throws {
        // A new AccessShareLock request queues behind a waiting ACCESS EXCLUSIVE request too.
        let fixture = try Fixture()
        defer { fixture.remove() }
        let reader = try SessionWorker(url: TestDatabase.url(), label: "reader")
        let waiter = try SessionWorker(url: TestDatabase.url(), label: "waiter")
        defer {
            _ = try? reader.run("ROLLBACK")
            _ = try? waiter.run("ROLLBACK")
        }
        try reader.run("BEGIN; SELECT count(*) FROM \(fixture.table)")
        waiter.send("BEGIN; LOCK TABLE \(fixture.table) IN ACCESS EXCLUSIVE MODE")
        try waitUntilBlocked(pid: waiter.pid, on: fixture.admin)

        let (plan, _) = try fixture.plan()
        let statement = try #require(plan.migrations.first?.statements.first)
        #expect(statement.prediction?.outcome == .wait)
        #expect(statement.size?.bytesEstimated == true)
    }

    @Test func statusAndPlanFailAtOnceWhenTheHistoryTableIsLocked() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let history = "onlineddl.\(TestDatabase.uniqueName("history"))"
        try HistoryTable(parsing: history).create(on: fixture.admin)
        defer { _ = try? fixture.admin.execute("DROP TABLE IF EXISTS \(history)") }
        let holder = try SessionWorker(url: TestDatabase.url(), label: "holder")
        defer { _ = try? holder.run("ROLLBACK") }
        try holder.run("BEGIN; LOCK TABLE \(history) IN ACCESS EXCLUSIVE MODE")

        for command in ["plan", "status"] {
            let started = Date()
            let output = try CLI.run(
                [command, fixture.path, "--database-url", try TestDatabase.url(), "--history-table", history], environment: Self.bounded)
            let elapsed = Date().timeIntervalSince(started)
            #expect(elapsed < Self.answerWithin, "\(command) took \(elapsed) s")
            #expect(output.status == 1)
            #expect(output.standardError.contains("did not wait for a lock"), "\(output.standardError)")
            #expect(output.standardError.contains(history))
        }
    }

    @Test func aLockedSystemCatalogFailsPlanAtOnce() throws {
        // The catalog read queues for pg_statistic_ext, is cancelled by lock_timeout, is
        // retried without user relations, and is cancelled again: plan says why, in time.
        let fixture = try Fixture()
        defer { fixture.remove() }
        let holder = try SessionWorker(url: TestDatabase.url(), label: "holder")
        defer { _ = try? holder.run("ROLLBACK") }
        try holder.run("BEGIN; LOCK TABLE pg_catalog.pg_statistic_ext IN ACCESS EXCLUSIVE MODE")

        let started = Date()
        let output = try CLI.run(["plan", fixture.path, "--database-url", try TestDatabase.url()], environment: Self.bounded)
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < Self.answerWithin, "plan took \(elapsed) s")
        #expect(output.status == 1)
        #expect(output.standardError.contains("did not wait for a lock"), "\(output.standardError)")
    }

    @Test func applyIsNotHeldUpByALockOnATableItDoesNotTouch() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let history = "onlineddl.\(TestDatabase.uniqueName("history"))"
        defer { _ = try? fixture.admin.execute("DROP TABLE IF EXISTS \(history)") }
        let holder = try SessionWorker(url: TestDatabase.url(), label: "holder")
        defer { _ = try? holder.run("ROLLBACK") }
        try holder.run("BEGIN; LOCK TABLE \(fixture.other) IN ACCESS EXCLUSIVE MODE")

        let started = Date()
        let output = try CLI.run(
            ["apply", fixture.path, "--database-url", try TestDatabase.url(), "--history-table", history], environment: Self.bounded)
        let elapsed = Date().timeIntervalSince(started)
        #expect(output.status == 0, "\(output.combined)")
        #expect(elapsed < Self.answerWithin, "apply took \(elapsed) s")
        #expect(try fixture.figure("SELECT count(*) FROM pg_indexes WHERE tablename = $1") == 2)
    }
}
