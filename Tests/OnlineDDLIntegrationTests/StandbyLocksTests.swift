import Foundation
import OnlineDDL
import Testing

/// `onlineddl locks` on the hot standby `scripts/test` starts beside the primary: a standby
/// report holds AccessShareLock on a table, the primary's `ALTER TABLE` makes the startup
/// process wait for AccessExclusiveLock there, and a standby reader queues behind it.
@Suite("Integration: onlineddl locks on a hot standby")
struct StandbyLocksTests {
    struct StandbyNotConfigured: Error, CustomStringConvertible {
        let description = """
            ONLINEDDL_TEST_STANDBY_URL is not set. These tests need the streaming hot standby that \
            `scripts/test` starts beside each primary: run `scripts/test 15 -- --filter StandbyLocks`.
            """
    }

    static func standbyURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["ONLINEDDL_TEST_STANDBY_URL"], !url.isEmpty else {
            throw StandbyNotConfigured()
        }
        return url
    }

    /// Polls `sql` on `connection` until its one value `n` is positive.
    static func waitUntil(_ what: String, on connection: Connection, _ sql: String, seconds: Double = 15) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try connection.query(sql).rows[0].decode("n", as: Int.self) > 0 { return }
            usleep(5_000)
        }
        throw SessionWorker.TimedOut(what: what)
    }

    @Test func locksShowsTheStartupProcessItsHolderAndTheReadersBehindIt() throws {
        let primary = try TestDatabase.connect()
        let standbyURL = try Self.standbyURL()
        let observer = try Connection(ConnectionString(standbyURL))
        let table = TestDatabase.uniqueName("standby_report")
        try primary.execute("CREATE TABLE \(table) (id int); INSERT INTO \(table) VALUES (1)")
        defer { _ = try? primary.execute("DROP TABLE IF EXISTS \(table)") }
        try Self.waitUntil("the table reaching the standby", on: observer,
                           "SELECT count(*) AS n FROM pg_class WHERE relname = '\(table)'")

        let report = try SessionWorker(url: standbyURL, label: "standby-report")
        let reader = try SessionWorker(url: standbyURL, label: "standby-reader")
        defer {
            _ = try? report.run("ROLLBACK")
            _ = try? reader.result(within: 10)
        }
        try report.run("SET application_name = 'standby-report'; BEGIN; SELECT count(*) FROM \(table)")
        try primary.execute("ALTER TABLE \(table) ADD COLUMN x int")
        try Self.waitUntil("the startup process waiting on the standby", on: observer, """
            SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a USING (pid)
             WHERE a.backend_type = 'startup' AND NOT l.granted AND l.relation = '\(table)'::regclass
            """)
        reader.send("SELECT count(*) FROM \(table)")
        try waitUntilBlocked(pid: reader.pid, on: observer)

        let output = try CLI.run(["locks", "--database-url", standbyURL, "--format", "json"])
        #expect(output.status == 0, "\(output.standardError)")
        // The server's own view, right after: the startup's pid, the granted holder on the
        // table, and pg_blocking_pids() of the reader (of the startup it is always empty).
        let truth = try observer.query("""
            SELECT (SELECT pid FROM pg_stat_activity WHERE backend_type = 'startup') AS startup,
                   (SELECT string_agg(pid::text, ',' ORDER BY pid) FROM pg_locks
                     WHERE relation = '\(table)'::regclass AND granted) AS holders,
                   array_to_string(pg_blocking_pids($1), ',') AS reader_blocked_by,
                   array_to_string(pg_blocking_pids((SELECT pid FROM pg_stat_activity WHERE backend_type = 'startup')), ',')
                       AS startup_blocked_by,
                   (SELECT setting::float8 FROM pg_settings WHERE name = 'max_standby_streaming_delay') AS delay_ms
            """, [reader.pid]).rows[0]
        let startup: Int32 = try truth.decode("startup")
        #expect(try truth.decode("holders", as: String.self) == "\(report.pid)")
        #expect(try truth.decode("reader_blocked_by", as: String.self) == "\(startup)")
        #expect(try truth.decode("startup_blocked_by", as: String.self) == "")

        let locks = try JSONDecoder().decode(LockQueueReport.self, from: Data(output.standardOutput.utf8))
        let object = try #require(locks.objects.first { $0.name == "public.\(table)" })
        #expect(object.holders.map(\.session.pid) == [report.pid])
        #expect(object.waiters.map(\.session.pid) == [startup, reader.pid])
        let replay = try #require(object.waiters.first)
        #expect(replay.session.isStartupProcess)
        #expect(replay.mode == .accessExclusive)
        #expect(replay.blockedBy == [report.pid])
        #expect(try #require(replay.waitingSeconds) > 0)
        let queued = object.waiters[1]
        #expect(!queued.session.isStartupProcess)
        #expect(queued.blockedBy + queued.queuedBehind == [startup], "pg_blocking_pids(reader) = {startup}")

        let standby = try #require(locks.standby)
        #expect(standby.maxStandbyStreamingDelaySeconds == (try truth.decode("delay_ms", as: Double.self)) / 1000)
        let stall = try #require(standby.replayStall)
        #expect(stall.startupPID == startup)
        #expect(stall.relation == "public.\(table)")
        #expect(stall.holders.map(\.pid) == [report.pid])
        #expect(stall.holders.first?.applicationName == "standby-report")
        #expect(stall.stalledReaders == [reader.pid])
        let within = try #require(stall.cancelsWithinSeconds)
        #expect(within > 0 && within < standby.maxStandbyStreamingDelaySeconds)

        let text = try CLI.run(["locks", "--database-url", standbyURL, "--relation", table])
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("waits #1  startup (WAL replay) pid \(startup), waiting "))
        #expect(text.standardOutput.contains("Replay is stalled: startup (WAL replay) pid \(startup) has waited "))
        #expect(text.standardOutput.contains("blocked by pid \(report.pid); 1 reader queued behind it (pid \(reader.pid))"))
        #expect(text.standardOutput.contains("pid \(report.pid) (idle in transaction) loses its connection"))

        // The report ends: replay goes on, the reader gets its rows and sees the new column.
        try report.run("COMMIT")
        #expect(try reader.result(within: 10).get().rows.count == 1)
        try Self.waitUntil("the column reaching the standby", on: observer, """
            SELECT count(*) AS n FROM pg_attribute WHERE attrelid = '\(table)'::regclass AND attname = 'x'
            """)
        let after = try CLI.run(["locks", "--database-url", standbyURL, "--format", "json"])
        let quiet = try JSONDecoder().decode(LockQueueReport.self, from: Data(after.standardOutput.utf8))
        #expect(quiet.standby?.replayStall == nil)
        #expect(quiet.standby != nil)
    }

    @Test func aStartupProcessHoldingTheLockIsAHolderAndReplayIsNotStalled() throws {
        let primary = try TestDatabase.connect()
        let standbyURL = try Self.standbyURL()
        let observer = try Connection(ConnectionString(standbyURL))
        let table = TestDatabase.uniqueName("standby_held")
        try primary.execute("CREATE TABLE \(table) (id int)")
        defer { _ = try? primary.execute("DROP TABLE IF EXISTS \(table)") }
        try Self.waitUntil("the table reaching the standby", on: observer,
                           "SELECT count(*) AS n FROM pg_class WHERE relname = '\(table)'")

        let locker = try SessionWorker(url: TestDatabase.url(), label: "primary-locker")
        let reader = try SessionWorker(url: standbyURL, label: "standby-reader")
        defer {
            _ = try? locker.run("ROLLBACK")
            _ = try? reader.result(within: 10)
        }
        try locker.run("BEGIN; LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE")
        // The lock record is flushed (and streamed) only with later WAL: a commit elsewhere.
        try primary.execute("SELECT pg_current_xact_id()")
        try Self.waitUntil("the startup process holding the lock on the standby", on: observer, """
            SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a USING (pid)
             WHERE a.backend_type = 'startup' AND l.granted AND l.relation = '\(table)'::regclass
            """)
        reader.send("SELECT count(*) FROM \(table)")
        try waitUntilBlocked(pid: reader.pid, on: observer)

        let output = try CLI.run(["locks", "--database-url", standbyURL, "--format", "json"])
        #expect(output.status == 0, "\(output.standardError)")
        let truth = try observer.query("""
            SELECT (SELECT pid FROM pg_stat_activity WHERE backend_type = 'startup') AS startup,
                   array_to_string(pg_blocking_pids($1), ',') AS reader_blocked_by
            """, [reader.pid]).rows[0]
        let startup: Int32 = try truth.decode("startup")
        #expect(try truth.decode("reader_blocked_by", as: String.self) == "\(startup)")
        let locks = try JSONDecoder().decode(LockQueueReport.self, from: Data(output.standardOutput.utf8))
        let object = try #require(locks.objects.first { $0.name == "public.\(table)" })
        #expect(object.holders.map(\.session.pid) == [startup])
        #expect(object.holders.map(\.session.isStartupProcess) == [true])
        #expect(object.waiters.map(\.session.pid) == [reader.pid])
        #expect(object.waiters.map(\.blockedBy) == [[startup]])
        #expect(locks.standby != nil)
        #expect(locks.standby?.replayStall == nil)

        let text = try CLI.run(["locks", "--database-url", standbyURL, "--relation", table])
        #expect(text.standardOutput.contains("holds   startup (WAL replay) pid \(startup)  AccessExclusiveLock"))
        #expect(!text.standardOutput.contains("Replay is stalled"))
    }
}
