import Foundation
import OnlineDDL
import Testing

/// Counts, while it runs, the lock requests of `onlineddl` sessions that were ever seen
/// waiting in `pg_locks`, from its own connection.
final class WaiterWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var waitersSeen = 0
    private var polls = 0
    private var running = true
    private let finished = DispatchSemaphore(value: 0)

    init() throws {
        let url = try TestDatabase.url()
        Thread.detachNewThread { [self] in
            defer { finished.signal() }
            guard let connection = try? Connection(ConnectionString(url)) else { return }
            while lock.withLock({ running }) {
                let waiting = (try? connection.query("""
                    SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                     WHERE NOT l.granted AND a.application_name = 'onlineddl'
                    """).rows[0].decode("n", as: Int.self)) ?? 0
                lock.withLock {
                    waitersSeen += waiting
                    polls += 1
                }
                usleep(2_000)
            }
        }
    }

    /// Stops watching; returns (waiting requests seen, polls made).
    func stop() -> (waiters: Int, polls: Int) {
        lock.withLock { running = false }
        finished.wait()
        return lock.withLock { (waitersSeen, polls) }
    }
}

@Suite("Integration: apply never queues behind a long transaction", .serialized)
struct ApplyLockTests {
    /// A session holding RowExclusiveLock on the fixture's table, idle in transaction.
    private func idleBlocker(_ fixture: ApplyFixture) throws -> SessionWorker {
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (id int)")
        let blocker = try SessionWorker(url: TestDatabase.url(), label: "blocker")
        try blocker.run("SET application_name = 'forgotten-console'; BEGIN; INSERT INTO \(fixture.table) VALUES (1)")
        ApplyFixture.letIdleSessionBeForgotten()
        return blocker
    }

    @Test func thePredictionGateWaitsOutsideTheQueueAndGoesAheadPromptly() throws {
        let fixture = try ApplyFixture(["0001_note.sql": "ALTER TABLE {t} ADD COLUMN note text;\n"])
        let blocker = try idleBlocker(fixture)
        let watch = try WaiterWatch()
        let run = try BackgroundRun(try fixture.prepared(), configuration: fixture.configuration())
        try run.waitFor(\.isWaiting)
        // While the runner waits, the application's writes are not held up.
        let app = try SessionWorker(url: TestDatabase.url(), label: "app")
        let writeStarted = ContinuousClock.now
        try app.run("INSERT INTO \(fixture.table) VALUES (2)", within: 5)
        #expect(ContinuousClock.now - writeStarted < .seconds(1))
        usleep(500_000)

        let waiting = try #require(run.events.compactMap { event -> RunEvent.Waiting? in
            if case .waiting(let waiting) = event.event { waiting } else { nil }
        }.first)
        #expect(waiting.mode == .accessExclusive)
        #expect(waiting.blockers.map(\.pid) == [blocker.pid])
        #expect(waiting.blockers.first?.isLong == true)
        #expect(waiting.blockers.first?.applicationName == "forgotten-console")
        #expect(waiting.blockers.first?.reason.hasPrefix("idle in transaction") == true)

        try blocker.run("COMMIT")
        let committed = ContinuousClock.now
        let summary = try run.wait().get()
        let seen = watch.stop()
        #expect(summary.applied == ["0001"])
        #expect(seen.waiters == 0, "the runner showed up \(seen.waiters) time(s) as a waiter in pg_locks over \(seen.polls) polls")
        #expect(seen.polls > 50)
        let done = try #require(run.events.first { $0.event.isMigrationDone }?.at)
        #expect(done - committed < .milliseconds(100), "applied \(done - committed) after the blocker committed")
        #expect(try fixture.columns() == ["id", "note"])
        #expect((try fixture.records()["1"]?.lockWaitMilliseconds ?? 0) > 400)
    }

    @Test func withoutPredictionEachAttemptWaitsAtMostTheLockTimeoutAndRetries() throws {
        let fixture = try ApplyFixture(["0001_note.sql": "ALTER TABLE {t} ADD COLUMN note text;\n"])
        let blocker = try idleBlocker(fixture)
        let configuration = fixture.configuration {
            $0.predict = false
            $0.lockTimeout = .milliseconds(200)
        }
        let run = try BackgroundRun(try fixture.prepared(), configuration: configuration)
        try run.waitFor { _ in run.events.compactMap(\.event.attemptFailure).count >= 3 }
        try blocker.run("COMMIT")
        let summary = try run.wait().get()
        #expect(summary.applied == ["0001"])
        let failures = run.events.filter { $0.event.attemptFailure != nil }
        #expect(failures.allSatisfy { $0.event.attemptFailure?.sqlState == "55P03" })
        // Between two failures: one backoff (at most 200 ms here) and one wait of at most
        // lock_timeout (200 ms), plus connection and scheduling slack.
        for (earlier, later) in zip(failures, failures.dropFirst()) {
            #expect(later.at - earlier.at < .milliseconds(800), "\(later.at - earlier.at) between attempts")
        }
        #expect(try fixture.records()["1"].map { $0.attempts >= 4 } == true)
    }

    @Test func theNowaitStrategyFailsFastInsteadOfQueueing() throws {
        let fixture = try ApplyFixture(["0001_note.sql": "ALTER TABLE {t} ADD COLUMN note text;\n"])
        let blocker = try idleBlocker(fixture)
        let watch = try WaiterWatch()
        let configuration = fixture.configuration {
            $0.predict = false
            $0.lockStrategy = .nowait
        }
        let run = try BackgroundRun(try fixture.prepared(), configuration: configuration)
        try run.waitFor { _ in run.events.compactMap(\.event.attemptFailure).count >= 3 }
        try blocker.run("COMMIT")
        let summary = try run.wait().get()
        let seen = watch.stop()
        #expect(summary.applied == ["0001"])
        #expect(seen.waiters == 0, "LOCK TABLE … NOWAIT never waits")
        let failure = try #require(run.events.compactMap(\.event.attemptFailure).first)
        #expect(failure.sqlState == "55P03")
        #expect(failure.message.contains("could not obtain lock on relation"))
    }

    @Test func aSecondRunnerNamesTheFirstAndCanWaitForIt() throws {
        let fixture = try ApplyFixture(["0001_note.sql": "ALTER TABLE {t} ADD COLUMN note text;\n"])
        let blocker = try idleBlocker(fixture)
        let first = try BackgroundRun(try fixture.prepared(), configuration: fixture.configuration())
        try first.waitFor(\.isWaiting)
        let holder = try #require(try RunnerLock(historyTable: fixture.history).holder(on: fixture.observer))
        #expect(holder.applicationName == "onlineddl")

        let refused = try fixture.applyCLI()
        #expect(refused.status == 3, "\(refused.combined)")
        #expect(refused.standardError.contains("another onlineddl runner holds the run lock: pid \(holder.pid)"), "\(refused.standardError)")
        #expect(refused.standardError.contains("running since"))

        let second = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var waited: CLI.Output?
        let arguments = ["apply", fixture.folder, "--database-url", try TestDatabase.url(),
                         "--history-table", fixture.history.description, "--wait-for-runner", "30s"]
        DispatchQueue.global().async {
            waited = try? CLI.run(arguments)
            second.signal()
        }
        usleep(700_000)
        try blocker.run("COMMIT")
        #expect(try first.wait().get().applied == ["0001"])
        #expect(second.wait(timeout: .now() + .seconds(30)) == .success)
        #expect(waited?.status == 0, "\(waited?.combined ?? "no output")")
        #expect(waited?.standardOutput.contains("waiting for another runner: pid \(holder.pid)") == true)
        #expect(waited?.standardOutput.contains("0 applied, 0 pending") == true)
    }
}
