import Foundation
import OnlineDDL
import Testing

/// Readers of a table on the standby, one query every 10 ms on their own connection, each
/// timed.
final class StandbyReaders: @unchecked Sendable {
    struct Sample {
        let started: ContinuousClock.Instant
        let duration: Duration
    }

    private let lock = NSLock()
    private var samples: [Sample] = []
    private var errors: [String] = []
    private var running = true
    private let finished = DispatchSemaphore(value: 0)

    init(table: String) throws {
        let url = try TestDatabase.standbyURL()
        let ready = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [self] in
            defer { finished.signal() }
            let connection = try? Connection(ConnectionString(url))
            _ = try? connection?.execute("SET application_name = 'reader'")
            ready.signal()
            guard let connection else { return }
            while lock.withLock({ running }) {
                let started = ContinuousClock.now
                do {
                    _ = try connection.execute("SELECT count(*) FROM \(table)")
                    lock.withLock { samples.append(Sample(started: started, duration: .now - started)) }
                } catch {
                    lock.withLock { errors.append("\(error)") }
                }
                usleep(10_000)
            }
        }
        ready.wait()
    }

    /// Stops reading; returns every sample and error.
    func stop() -> (samples: [Sample], errors: [String]) {
        lock.withLock { running = false }
        finished.wait()
        return lock.withLock { (samples, errors) }
    }
}

extension [StandbyReaders.Sample] {
    /// The slowest read begun in `range`, zero when there is none.
    func slowest(in range: Range<ContinuousClock.Instant>) -> Duration {
        filter { range.contains($0.started) }.map(\.duration).max() ?? .zero
    }
}

/// The standby `scripts/test` starts beside the primary, and what the tests do to it.
struct TestStandby {
    let connection: Connection

    init() throws {
        connection = try Connection(ConnectionString(TestDatabase.standbyURL()))
    }

    /// Waits until the standby has replayed everything the primary wrote so far.
    func catchUp(with primary: Connection, seconds: Double = 20) throws {
        let target: String = try primary.query("SELECT pg_current_wal_insert_lsn()::text AS lsn").rows[0].decode("lsn")
        try waitUntil("the standby replayed \(target)", seconds: seconds) {
            try connection.query("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done", [target]).rows[0].decode("done")
        }
    }

    /// Whether the standby's `table` has `column`.
    func hasColumn(_ column: String, in table: String) throws -> Bool {
        try connection.query(
            "SELECT count(*) AS n FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped",
            [table, column]
        ).rows[0].decode("n", as: Int.self) == 1
    }

    /// Sets a setting with ALTER SYSTEM and reloads; `nil` resets it.
    func set(_ name: String, to value: String?) throws {
        try connection.execute(value.map { "ALTER SYSTEM SET \(name) = '\($0)'" } ?? "ALTER SYSTEM RESET \(name)")
        try connection.execute("SELECT pg_reload_conf()")
        try waitUntil("\(name) took effect", seconds: 5) {
            let current: String = try connection.query("SELECT current_setting($1) AS v", [name]).rows[0].decode("v")
            let reset: String = try connection.query("SELECT boot_val FROM pg_settings WHERE name = $1", [name]).rows[0].decode("boot_val")
            return value.map { _ in current != reset } ?? (current == reset || current == "0")
        }
    }
}

/// Polls `condition` every 10 ms until it holds, or fails after `seconds`.
func waitUntil(_ what: String, seconds: Double, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return }
        usleep(10_000)
    }
    throw SessionWorker.TimedOut(what: what)
}

@Suite("Integration: apply protects the readers of hot standbys", .serialized)
struct ApplyStandbyTests {
    private func standbyConfiguration(_ fixture: ApplyFixture, _ change: (inout RunnerConfiguration) -> Void = { _ in }) throws -> RunnerConfiguration {
        let url = try TestDatabase.standbyURL()
        return fixture.configuration {
            $0.standbys = [StandbyTarget(ConnectionString(url))]
            change(&$0)
        }
    }

    /// A table of 1000 rows on the primary, replayed on the standby.
    private func table(_ fixture: ApplyFixture, _ standby: TestStandby) throws {
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (id int); INSERT INTO \(fixture.table) SELECT generate_series(1, 1000)")
        try standby.catchUp(with: fixture.observer)
    }

    /// What the standby's readers saw while a report held the table there and `migrate` ran.
    private struct ReportRun {
        let baseline: Duration
        let during: Duration
        let readerErrors: [String]
        let report: Result<QueryResult, PostgresError>
        let reportEnded: ContinuousClock.Instant
    }

    /// The issue's scenario: readers query the table on the standby every 10 ms (their
    /// baseline: the slowest read of the second before the report); a report there holds
    /// ACCESS SHARE on it for 3 s; 1.2 s in (its transaction long by then), `migrate`
    /// starts; it returns when the migration is done.
    private func duringAReport(_ fixture: ApplyFixture, migrate: () throws -> () throws -> Void) throws -> ReportRun {
        let readers = try StandbyReaders(table: fixture.table)
        let report = try SessionWorker(url: TestDatabase.standbyURL(), label: "report")
        let baselineStart = ContinuousClock.now
        usleep(1_000_000)
        let reportStart = ContinuousClock.now
        try report.run("SET application_name = 'report'; BEGIN; SELECT count(*) FROM \(fixture.table)")
        report.send("SELECT pg_sleep(2.8); COMMIT")
        usleep(1_200_000)
        let finish = try migrate()
        let outcome = try report.result(within: 30)
        let reportEnded = ContinuousClock.now
        try finish()
        usleep(300_000)
        let (samples, errors) = readers.stop()
        return ReportRun(
            baseline: samples.slowest(in: baselineStart..<reportStart), during: samples.slowest(in: reportStart..<ContinuousClock.now),
            readerErrors: errors, report: outcome, reportEnded: reportEnded)
    }

    @Test func applyWaitsOutAStandbyReportSoItsReadersNeverStallAndPsqlStallsThem() throws {
        let fixture = try ApplyFixture(["0001_x.sql": "ALTER TABLE {t} ADD COLUMN x int;\n"], prefix: "standby")
        let standby = try TestStandby()
        try table(fixture, standby)

        // psql: the ALTER takes a millisecond on the primary, and the standby's readers
        // queue behind its replay until the report ends.
        let psql = try duringAReport(fixture) {
            try fixture.observer.execute("ALTER TABLE \(fixture.table) ADD COLUMN y int")
            return {}
        }
        #expect(psql.during > .seconds(1), "psql stalled the standby's readers for \(psql.during)")
        #expect((try? psql.report.get()) != nil, "the report was not cancelled")
        try standby.catchUp(with: fixture.observer)

        // apply --standby: waits for the report, then applies at once.
        var run: BackgroundRun?
        let applied = try duringAReport(fixture) {
            let started = try BackgroundRun(try fixture.prepared(), configuration: try standbyConfiguration(fixture))
            run = started
            return { _ = try started.wait().get() }
        }
        let events = try #require(run).events
        #expect((try? applied.report.get()) != nil, "the report was not cancelled")
        #expect(applied.readerErrors.isEmpty)
        #expect(applied.during < applied.baseline + .milliseconds(50), "readers' slowest \(applied.during), baseline \(applied.baseline)")
        let waiting = events.compactMap { if case .waiting(let waiting) = $0.event { waiting } else { nil } }
        let blocker = try #require(waiting.first?.blockers.first { $0.isLong })
        #expect(blocker.standby == ConnectionString(try TestDatabase.standbyURL()).redacted)
        #expect(blocker.applicationName == "report")
        #expect(blocker.query?.contains("pg_sleep") == true)
        #expect(blocker.transactionAgeSeconds.map { $0 >= 1 } == true)
        let done = try #require(events.first { $0.event.isMigrationDone }?.at)
        #expect(done - applied.reportEnded < .seconds(1), "applied \(done - applied.reportEnded) after the report ended")
        try waitUntil("the column reached the standby", seconds: 5) { try standby.hasColumn("x", in: fixture.table) }
    }

    @Test func anUnreachableStandbyFailsTheRunUnlessItIsOptional() throws {
        let fixture = try ApplyFixture(["0001_t.sql": "CREATE TABLE {t} (id int);\n"], prefix: "standby")
        let unreachable = "postgresql://replicator:standby-s3cret@127.0.0.1:1/postgres"
        let failed = try fixture.applyCLI(["--standby", unreachable])
        #expect(failed.status == 1)
        #expect(failed.standardError.contains("standby "))
        #expect(failed.standardError.contains("--standby-optional"))
        #expect(!failed.combined.contains("standby-s3cret"))
        #expect(try fixture.columns().isEmpty, "nothing was applied")

        // A server that is not in recovery is no standby: its lock table says nothing about replay.
        let primary = try fixture.applyCLI(["--standby", TestDatabase.url()])
        #expect(primary.status == 1)
        #expect(primary.standardError.contains("not a hot standby: pg_is_in_recovery() is false"))
        #expect(try fixture.columns().isEmpty, "nothing was applied")

        let skipped = try fixture.applyCLI(["--standby-optional", unreachable, "--format", "json"])
        #expect(skipped.status == 0, "\(skipped.combined)")
        #expect(skipped.standardOutput.contains(#""event":"standby_skipped""#))
        #expect(!skipped.combined.contains("standby-s3cret"))
        #expect(try fixture.columns() == ["id"])
    }

    /// `standbys` in onlineddl.toml names an environment variable that holds the URL.
    @Test func theConfigurationNamesStandbysByEnvironmentVariable() throws {
        let fixture = try ApplyFixture(["0001_t.sql": "CREATE TABLE {t} (id int);\n"], prefix: "standby")
        let config = (fixture.folder as NSString).appendingPathComponent("onlineddl.toml")
        try Data("[apply]\nstandbys = [\"ONLINEDDL_TEST_REPLICA\"]\n".utf8).write(to: URL(fileURLWithPath: config))
        let unset = try fixture.applyCLI(["--config", config])
        #expect(unset.status == 2)
        #expect(unset.standardError.contains("apply.standbys: names the environment variable ONLINEDDL_TEST_REPLICA, which is not set"))
        let standbyURL = try TestDatabase.standbyURL()
        let applied = try CLI.run(
            ["apply", fixture.folder, "--database-url", TestDatabase.url(), "--history-table", fixture.history.description,
             "--config", config, "--verbose"],
            environment: ["ONLINEDDL_TEST_REPLICA": standbyURL])
        #expect(applied.status == 0, "\(applied.combined)")
        #expect(applied.standardError.contains("checking standby \(ConnectionString(standbyURL).redacted)"))
        #expect(try fixture.columns() == ["id"])
    }

    @Test func pausedReplayHoldsTheStatementBackUntilItResumes() throws {
        let fixture = try ApplyFixture(["0001_x.sql": "ALTER TABLE {t} ADD COLUMN x int;\n"], prefix: "standby")
        let standby = try TestStandby()
        try table(fixture, standby)
        try standby.connection.execute("SELECT pg_wal_replay_pause()")
        defer { _ = try? standby.connection.execute("SELECT pg_wal_replay_resume()") }
        let run = try BackgroundRun(try fixture.prepared(), configuration: try standbyConfiguration(fixture))
        try run.waitFor {
            if case .waiting(let waiting) = $0 { return waiting.blockers.contains { $0.reason.hasPrefix("replay paus") } }
            return false
        }
        usleep(300_000)
        #expect(try fixture.columns() == ["id"], "not sent while replay is paused")
        let resumed = ContinuousClock.now
        try standby.connection.execute("SELECT pg_wal_replay_resume()")
        _ = try run.wait().get()
        let done = try #require(run.events.first { $0.event.isMigrationDone }?.at)
        #expect(done - resumed < .seconds(1))
        try waitUntil("the column reached the standby", seconds: 5) { try standby.hasColumn("x", in: fixture.table) }
    }

    /// Another ALTER, sent without apply, already waits in the standby's replay behind a
    /// young report: replay has stopped for every table, so apply holds back its ALTER of
    /// another table and names the session the startup process waits for (from pg_locks:
    /// pg_blocking_pids says nothing for the startup process).
    @Test func aStartupProcessAlreadyWaitingHoldsBackEveryAccessExclusiveStatement() throws {
        let fixture = try ApplyFixture(["0001_x.sql": "ALTER TABLE {t} ADD COLUMN x int;\n"], prefix: "standby")
        let standby = try TestStandby()
        let other = TestDatabase.uniqueName("standby_other")
        try fixture.observer.execute("CREATE TABLE \(other) (id int)")
        defer { _ = try? fixture.observer.execute("DROP TABLE IF EXISTS \(other)") }
        try table(fixture, standby)
        let report = try SessionWorker(url: TestDatabase.standbyURL(), label: "report")
        try report.run("SET application_name = 'report'; BEGIN; SELECT count(*) FROM \(other)")
        report.send("SELECT pg_sleep(2); COMMIT")
        try fixture.observer.execute("ALTER TABLE \(other) ADD COLUMN y int")
        try waitUntil("the startup process waits", seconds: 5) {
            try standby.connection.query(
                "SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE a.backend_type = 'startup' AND NOT l.granted"
            ).rows[0].decode("n", as: Int.self) > 0
        }
        let run = try BackgroundRun(try fixture.prepared(), configuration: try standbyConfiguration(fixture))
        try run.waitFor(\.isWaiting)
        #expect(try fixture.columns() == ["id"], "not sent while replay is stuck")
        let waiting = run.events.compactMap { if case .waiting(let waiting) = $0.event { waiting } else { nil } }
        let blocker = try #require(waiting.first?.blockers.first { $0.condition == .startupWaiting })
        #expect(blocker.pid == report.pid)
        #expect(blocker.applicationName == "report")
        #expect(blocker.reason.hasPrefix("the startup process has waited"))
        _ = try report.result(within: 10).get()
        _ = try run.wait().get()
        try waitUntil("the column reached the standby", seconds: 5) { try standby.hasColumn("x", in: fixture.table) }
    }

    /// The standby applies commits 1.5 s late (recovery_min_apply_delay): the second ALTER
    /// waits until the standby has replayed the first, so replay never holds two.
    @Test func consecutiveAccessExclusiveMigrationsWaitForTheStandbyToReplayEachCommit() throws {
        let fixture = try ApplyFixture([
            "0001_a.sql": "ALTER TABLE {t} ADD COLUMN a int;\n",
            "0002_b.sql": "ALTER TABLE {t} ADD COLUMN b int;\n",
        ], prefix: "standby")
        let standby = try TestStandby()
        try table(fixture, standby)
        try standby.set("recovery_min_apply_delay", to: "1500ms")
        defer {
            try? standby.set("recovery_min_apply_delay", to: nil)
            try? standby.catchUp(with: fixture.observer)
        }
        let run = try BackgroundRun(try fixture.prepared(), configuration: try standbyConfiguration(fixture) { $0.maxReplayLag = .zero })
        _ = try run.wait().get()
        let events = run.events
        let waits = events.compactMap { if case .waiting(let waiting) = $0.event { waiting } else { nil } }
        #expect(waits.map(\.position.version) == ["0002"])
        #expect(waits.first?.blockers.first?.reason.hasPrefix("has not replayed the last ACCESS EXCLUSIVE commit yet") == true)
        let done = events.filter { $0.event.isMigrationDone }.map(\.at)
        try #require(done.count == 2)
        #expect(done[1] - done[0] > .seconds(1), "the second waited \(done[1] - done[0]) for the first's replay")
        try waitUntil("both columns reached the standby", seconds: 10) {
            try standby.hasColumn("a", in: fixture.table) && standby.hasColumn("b", in: fixture.table)
        }
    }
}
