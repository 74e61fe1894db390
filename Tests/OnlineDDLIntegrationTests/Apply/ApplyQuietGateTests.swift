import Foundation
import OnlineDDL
import Testing

/// A migration that starts while no other session locks any relation leaves the catalog
/// unread (``LockSnapshot/isQuiet(ignoring:)``): a blocker that appears later, before the
/// next unit or inside the unit's transaction, still holds the gate back.
@Suite("Integration: the gate after a quiet start", .serialized)
struct ApplyQuietGateTests {
    /// Starts `files` on the fixture's table and a second table `{t}_2`; once the runner's
    /// session sleeps in the first `pg_sleep`, a blocker takes ROW EXCLUSIVE on `{t}_2` and
    /// stays idle in its transaction. Checks that the migration started on a quiet lock
    /// table (its first prediction lists no locks: the catalog was not read), and that the
    /// runner then waits for the blocker rather than queue (a queued attempt would fail
    /// after `lock_timeout`), with `{t}_2` untouched and `whileWaiting` true, then goes ahead.
    private func blockerAppearsDuringTheSleep(
        _ files: [String: String], whileWaiting: (ApplyFixture) throws -> Bool
    ) throws {
        let fixture = try ApplyFixture(files)
        let second = "\(fixture.table)_2"
        defer { _ = try? fixture.observer.execute("DROP TABLE IF EXISTS \(second)") }
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (id int); CREATE TABLE \(second) (id int)")
        let run = try BackgroundRun(try fixture.prepared(), configuration: fixture.configuration())
        // Nothing else reads the server until the runner has looked at the lock table.
        try run.waitFor { if case .migrationStarted = $0 { true } else { false } }
        let sleeping = Date().addingTimeInterval(30)
        while try fixture.observer.query("""
            SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'onlineddl' AND query LIKE 'SELECT pg_sleep%'
            """).rows[0].decode("n", as: Int.self) == 0 {
            guard Date() < sleeping else { throw SessionWorker.TimedOut(what: "the runner's pg_sleep") }
            usleep(5_000)
        }
        let blocker = try SessionWorker(url: TestDatabase.url(), label: "blocker")
        try blocker.run("SET application_name = 'late-console'; BEGIN; INSERT INTO \(second) VALUES (1)")
        try run.waitFor(\.isWaiting)
        let first = try #require(run.events.compactMap { event -> RunEvent.StatementPredicted? in
            if case .statementPredicted(let prediction) = event.event { prediction } else { nil }
        }.first)
        #expect(first.verdict == .clear)
        #expect(first.predictions.isEmpty, "the migration started on a quiet lock table")
        let waiting = try #require(run.events.compactMap { event -> RunEvent.Waiting? in
            if case .waiting(let waiting) = event.event { waiting } else { nil }
        }.first)
        #expect(waiting.relation == "public.\(second)")
        #expect(waiting.blockers.map(\.pid) == [blocker.pid])
        #expect(try fixture.columns(of: second) == ["id"])
        #expect(try whileWaiting(fixture))

        try blocker.run("COMMIT")
        let summary = try run.wait().get()
        #expect(summary.applied == ["0001"])
        #expect(run.events.allSatisfy { $0.event.attemptFailure == nil })
        #expect(try fixture.columns() == ["id", "a"])
        #expect(try fixture.columns(of: second) == ["id", "b"])
    }

    @Test func aBlockerTakenDuringTheFirstBlockHoldsBackTheSecond() throws {
        try blockerAppearsDuringTheSleep([
            "0001_two_blocks.sql": """
                BEGIN;
                ALTER TABLE {t} ADD COLUMN a int;
                SELECT pg_sleep(1.5);
                COMMIT;
                BEGIN;
                ALTER TABLE {t}_2 ADD COLUMN b int;
                COMMIT;

                """,
        ]) { fixture in
            // The first block committed before the gate held the second back.
            try fixture.columns() == ["id", "a"]
        }
    }

    @Test func aBlockerTakenInsideTheTransactionMakesTheRunnerRollBackAndWait() throws {
        try blockerAppearsDuringTheSleep([
            "0001_one_transaction.sql": """
                ALTER TABLE {t} ADD COLUMN a int;
                SELECT pg_sleep(1.5);
                ALTER TABLE {t}_2 ADD COLUMN b int;

                """,
        ]) { fixture in
            // The re-check inside the transaction found the blocker: the runner rolled
            // back what it had done rather than hold its locks while waiting.
            try fixture.columns() == ["id"]
        }
    }
}
