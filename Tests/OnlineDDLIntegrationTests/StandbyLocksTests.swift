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

    /// A table made on the primary and replayed on the standby, a connection to each, and
    /// what the tests ask the standby about it.
    final class StandbyTable {
        let primary: Connection
        let standbyURL: String
        let observer: Connection
        let table: String

        init(_ prefix: String) throws {
            primary = try TestDatabase.connect()
            standbyURL = try StandbyLocksTests.standbyURL()
            observer = try Connection(ConnectionString(standbyURL))
            table = TestDatabase.uniqueName(prefix)
            try primary.execute("CREATE TABLE \(table) (id int); INSERT INTO \(table) VALUES (1)")
            try StandbyLocksTests.waitUntil("the table reaching the standby", on: observer,
                                            "SELECT count(*) AS n FROM pg_class WHERE relname = '\(table)'")
        }

        /// Drops the table; call it after every session on it has ended.
        func end() { _ = try? primary.execute("DROP TABLE IF EXISTS \(table)") }

        /// Until the startup process has a `granted` (or waiting) lock on the table.
        func waitUntilStartup(granted: Bool) throws {
            try StandbyLocksTests.waitUntil("the startup process \(granted ? "holding" : "awaiting") its lock", on: observer, """
                SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a USING (pid)
                 WHERE a.backend_type = 'startup' AND l.granted = \(granted) AND l.relation = '\(table)'::regclass
                """)
        }

        /// `onlineddl locks --format json` on the standby, decoded.
        func locks() throws -> LockQueueReport {
            let output = try CLI.run(["locks", "--database-url", standbyURL, "--format", "json"])
            #expect(output.status == 0, "\(output.standardError)")
            return try JSONDecoder().decode(LockQueueReport.self, from: Data(output.standardOutput.utf8))
        }

        /// `onlineddl locks --relation TABLE` on the standby, as text.
        func locksText() throws -> String {
            let output = try CLI.run(["locks", "--database-url", standbyURL, "--relation", table])
            #expect(output.status == 0, "\(output.standardError)")
            return output.standardOutput
        }
    }

    @Test func locksShowsTheStartupProcessItsHolderAndTheReadersBehindIt() throws {
        let scenario = try StandbyTable("standby_report")
        defer { scenario.end() }
        let (primary, standbyURL, observer, table) = (scenario.primary, scenario.standbyURL, scenario.observer, scenario.table)

        let report = try SessionWorker(url: standbyURL, label: "standby-report")
        let reader = try SessionWorker(url: standbyURL, label: "standby-reader")
        defer {
            _ = try? report.run("ROLLBACK")
            _ = try? reader.result(within: 10)
        }
        try report.run("SET application_name = 'standby-report'; BEGIN; SELECT count(*) FROM \(table)")
        try primary.execute("ALTER TABLE \(table) ADD COLUMN x int")
        try scenario.waitUntilStartup(granted: false)
        reader.send("SELECT count(*) FROM \(table)")
        try waitUntilBlocked(pid: reader.pid, on: observer)

        let locks = try scenario.locks()
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

        let text = try scenario.locksText()
        #expect(text.contains("waits #1  startup (WAL replay) pid \(startup), waiting "))
        #expect(text.contains("Replay is stalled: startup (WAL replay) pid \(startup) has waited "))
        #expect(text.contains("blocked by pid \(report.pid); 1 reader queued behind it (pid \(reader.pid))"))
        #expect(text.contains("pid \(report.pid) (idle in transaction) loses its connection"))

        // The report ends: replay goes on, the reader gets its rows and sees the new column.
        try report.run("COMMIT")
        #expect(try reader.result(within: 10).get().rows.count == 1)
        try Self.waitUntil("the column reaching the standby", on: observer, """
            SELECT count(*) AS n FROM pg_attribute WHERE attrelid = '\(table)'::regclass AND attname = 'x'
            """)
        let quiet = try scenario.locks()
        #expect(quiet.standby?.replayStall == nil)
        #expect(quiet.standby != nil)
    }

    @Test func aStartupProcessHoldingTheLockIsAHolderAndReplayIsNotStalled() throws {
        let scenario = try StandbyTable("standby_held")
        defer { scenario.end() }
        let (primary, standbyURL, observer, table) = (scenario.primary, scenario.standbyURL, scenario.observer, scenario.table)

        let locker = try SessionWorker(url: TestDatabase.url(), label: "primary-locker")
        let reader = try SessionWorker(url: standbyURL, label: "standby-reader")
        defer {
            _ = try? locker.run("ROLLBACK")
            _ = try? reader.result(within: 10)
        }
        try locker.run("BEGIN; LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE")
        // The lock record is flushed (and streamed) only with later WAL: a commit elsewhere.
        try primary.execute("SELECT pg_current_xact_id()")
        try scenario.waitUntilStartup(granted: true)
        reader.send("SELECT count(*) FROM \(table)")
        try waitUntilBlocked(pid: reader.pid, on: observer)

        let locks = try scenario.locks()
        let truth = try observer.query("""
            SELECT (SELECT pid FROM pg_stat_activity WHERE backend_type = 'startup') AS startup,
                   array_to_string(pg_blocking_pids($1), ',') AS reader_blocked_by
            """, [reader.pid]).rows[0]
        let startup: Int32 = try truth.decode("startup")
        #expect(try truth.decode("reader_blocked_by", as: String.self) == "\(startup)")
        let object = try #require(locks.objects.first { $0.name == "public.\(table)" })
        #expect(object.holders.map(\.session.pid) == [startup])
        #expect(object.holders.map(\.session.isStartupProcess) == [true])
        #expect(object.waiters.map(\.session.pid) == [reader.pid])
        #expect(object.waiters.map(\.blockedBy) == [[startup]])
        #expect(locks.standby != nil)
        #expect(locks.standby?.replayStall == nil)

        let text = try scenario.locksText()
        #expect(text.contains("holds   startup (WAL replay) pid \(startup)  AccessExclusiveLock"))
        #expect(!text.contains("Replay is stalled"))
    }
}
