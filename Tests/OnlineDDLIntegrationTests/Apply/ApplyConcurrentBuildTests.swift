import Foundation
import OnlineDDL
import Testing

/// Concurrent index builds against a real server: built once however long the build waits
/// for old snapshots, and its queue wait for the table's lock still cut at the lock timeout.
@Suite("Integration: concurrent index builds are built once", .serialized)
struct ApplyConcurrentBuildTests {
    private func events(_ output: CLI.Output) throws -> [[String: Any]] {
        try output.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    private func named(_ name: String, in events: [[String: Any]]) -> [[String: Any]] {
        events.filter { $0["event"] as? String == name }
    }

    /// A REPEATABLE READ transaction on another table holds a snapshot older than the build:
    /// `WaitForOlderSnapshots` waits for it after the index is built and validated. With a
    /// 200 ms lock timeout on the session, that wait used to cancel the whole build, again
    /// and again; now the build waits it out and is done once. (Without the gate, as when
    /// the snapshot is taken after the gate looked.)
    @Test func aBuildWaitingForAnOldSnapshotIsBuiltOnce() throws {
        let fixture = try ApplyFixture(["0001_index.sql": "CREATE INDEX CONCURRENTLY {t}_v_idx ON {t} (v);\n"], prefix: "cic_once")
        let other = fixture.table + "_other"
        try fixture.observer.execute("""
            CREATE TABLE \(fixture.table) (v int); INSERT INTO \(fixture.table) SELECT generate_series(1, 1000);
            CREATE TABLE \(other) (v int)
            """)
        defer { _ = try? fixture.observer.execute("DROP TABLE IF EXISTS \(other)") }
        let report = try SessionWorker(url: try TestDatabase.url(), label: "old-snapshot")
        try report.run("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM \(other)")
        DispatchQueue.global().asyncAfter(deadline: .now() + 2.5) { report.send("COMMIT") }
        let started = Date()
        let output = try fixture.applyCLI(["--format", "json", "--lock-timeout", "200ms", "--no-predict"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(output.status == 0, "\(output.combined)")
        let events = try events(output)
        #expect(named("attempt_failed", in: events).isEmpty, "the build was cancelled: \(output.standardOutput)")
        #expect(named("invalid_index_dropped", in: events).isEmpty)
        let waits = named("build_waiting", in: events)
        #expect(waits.contains { ($0["phase"] as? String) == "waiting for old snapshots" && ($0["blockers"] as? [Int])?.contains(Int(report.pid)) == true },
                "\(output.standardOutput)")
        #expect(elapsed >= 2.0, "the build cannot finish before the old snapshot ends")
        let valid = try fixture.observer.query(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)", [fixture.table + "_v_idx"]
        ).rows.map { try $0.decode("indisvalid", as: Bool.self) }
        #expect(valid == [true])
    }

    /// With the gate, the same old snapshot holds the build back before it starts: apply
    /// names the session it would wait for (`waiting`), starts once it ended, and the build
    /// then waits for nobody.
    @Test func theGateHoldsABuildBackWhileAnOldSnapshotExists() throws {
        let fixture = try ApplyFixture(["0001_index.sql": "CREATE INDEX CONCURRENTLY {t}_v_idx ON {t} (v);\n"], prefix: "cic_gate")
        let other = fixture.table + "_other"
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (v int); CREATE TABLE \(other) (v int)")
        defer { _ = try? fixture.observer.execute("DROP TABLE IF EXISTS \(other)") }
        let report = try SessionWorker(url: try TestDatabase.url(), label: "old-snapshot")
        try report.run("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM \(other)")
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { report.send("COMMIT") }
        // Idle in its transaction for longer than the gate's grace: a forgotten session, not
        // an application between two statements (ApplyFixture.letIdleSessionBeForgotten).
        ApplyFixture.letIdleSessionBeForgotten()
        let output = try fixture.applyCLI(["--format", "json", "--lock-timeout", "200ms"])
        #expect(output.status == 0, "\(output.combined)")
        let events = try events(output)
        let waiting = named("waiting", in: events)
        let blockers = waiting.flatMap { ($0["blockers"] as? [[String: Any]]) ?? [] }
        #expect(blockers.contains { ($0["pid"] as? Int) == Int(report.pid) && ($0["reason"] as? String)?.hasPrefix("waiting for old snapshots") == true },
                "\(output.standardOutput)")
        #expect(waiting.first?["relation"] as? String == "public.\(fixture.table)")
        #expect(named("attempt_failed", in: events).isEmpty && named("build_waiting", in: events).isEmpty, "\(output.standardOutput)")
        let predicted = try #require(named("statement_predicted", in: events).first)
        #expect(predicted["concurrent_waits"] is [Any], "\(predicted)")
    }

    /// A session holding SHARE on the table keeps the build in the queue for its SHARE UPDATE
    /// EXCLUSIVE lock, where every later request of that mode or stronger queues behind it.
    /// That wait is still cut at the lock timeout (55P03, nothing built yet) and retried, and
    /// the build goes through once the holder ends.
    @Test func theQueueWaitBeforeTheBuildIsStillBounded() throws {
        let fixture = try ApplyFixture(["0001_index.sql": "CREATE INDEX CONCURRENTLY {t}_v_idx ON {t} (v);\n"], prefix: "cic_queue")
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (v int)")
        let holder = try SessionWorker(url: try TestDatabase.url(), label: "share-holder")
        try holder.run("BEGIN; LOCK TABLE \(fixture.table) IN SHARE MODE")
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.2) { holder.send("COMMIT") }
        let output = try fixture.applyCLI([
            "--format", "json", "--no-predict", "--lock-timeout", "200ms", "--retry-initial", "100ms", "--retry-max", "200ms",
        ])
        #expect(output.status == 0, "\(output.combined)")
        let failures = named("attempt_failed", in: try events(output))
        #expect(!failures.isEmpty, "the queue wait was not cut: \(output.standardOutput)")
        #expect(failures.allSatisfy { $0["sqlstate"] as? String == "55P03" }, "\(failures)")
        let invalid = try fixture.observer.query(
            "SELECT count(*) AS n FROM pg_index WHERE indrelid = to_regclass($1) AND NOT indisvalid", [fixture.table]
        ).rows[0].decode("n", as: Int.self)
        #expect(invalid == 0)
    }
}
