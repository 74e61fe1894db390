import Foundation
import OnlineDDL
import Testing
import SeededRandom

@Suite("Integration: live snapshots replayed through the simulator", .serialized)
struct LiveLockTableTests {
    /// After every step of random scenarios, the replayed queues' wait-for edges must equal
    /// what the server's own `pg_blocking_pids()` reports, for every waiting session.
    @Test func waitForEdgesMatchPgBlockingPids() throws {
        let server = try RealLockScenario(sessionCount: 5, tableCount: 2)
        defer { server.dropTables() }
        var checkedWaiters = 0
        var softEdges = 0
        var mismatches: [String] = []
        for index in 0..<100 {
            let seed = 7_000_000 + UInt64(index)
            var random = SplitMix64(seed: seed)
            for step in 1...Int.random(in: 4...12, using: &random) {
                let action = try LockDifferentialTests.nextAction(server: server, sessions: 5, tables: 2, using: &random)
                _ = try server.perform(action)
                let table = LiveLockTable(snapshot: try LockSnapshot.read(from: server.observer))
                if !table.unplacedWaiters.isEmpty {
                    mismatches.append("seed \(seed) step \(step): waiters the rules would not queue: \(table.unplacedWaiters)")
                }
                for session in server.sessions where try server.isWaiting(server.sessions.firstIndex { $0 === session }!) {
                    let reported = try server.observer.query("SELECT pg_blocking_pids($1)::text AS pids", [session.pid])
                        .rows[0].decode("pids", as: String.self)
                    let expected = Set(reported.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ",").compactMap { Int32($0) })
                    let replayed = Set(table.blockingPIDs(of: session.pid))
                    checkedWaiters += 1
                    softEdges += table.queues().flatMap(\.waiters).filter { $0.pid == session.pid }.map(\.softBlockers.count).reduce(0, +)
                    if expected != replayed {
                        mismatches.append("seed \(seed) step \(step): pid \(session.pid) pg_blocking_pids \(expected.sorted()) but replay \(replayed.sorted())")
                    }
                }
            }
            try server.reset()
            if mismatches.count >= 5 { break }
        }
        print("live replay: \(checkedWaiters) waiting sessions checked against pg_blocking_pids, \(softEdges) soft edges, \(mismatches.count) mismatching")
        #expect(checkedWaiters > 100)
        #expect(softEdges > 10)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    /// One query answers with the server's clock whether or not anyone holds locks (an
    /// idle server returns a single row of NULL locks), and a lock taken shows up.
    @Test func aSnapshotCarriesTheServersClockWithOrWithoutLocks() throws {
        let observer = try TestDatabase.connect()
        let holder = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("snapshot_clock")
        try holder.execute("CREATE TABLE \(table) (id int)")
        defer {
            _ = try? holder.execute("ROLLBACK")
            _ = try? holder.execute("DROP TABLE IF EXISTS \(table)")
        }
        func serverClock() throws -> Double {
            try observer.query("SELECT extract(epoch FROM clock_timestamp())::float8 AS now").rows[0].decode("now")
        }
        let before = try serverClock()
        let idle = try LockSnapshot.read(from: observer)
        let after = try serverClock()
        #expect(idle.takenAt >= before && idle.takenAt <= after)
        #expect(!idle.locks.contains { $0.pid == holder.backendPID })
        try holder.execute("BEGIN; LOCK TABLE \(table) IN SHARE MODE")
        let busy = try LockSnapshot.read(from: observer)
        let end = try serverClock()
        #expect(busy.locks.contains { $0.pid == holder.backendPID && $0.mode == .share && $0.granted })
        #expect(busy.takenAt >= after && busy.takenAt <= end)
    }

    /// The classic outage: T1 holds RowExclusive, T2's ALTER TABLE waits, T3's INSERT
    /// waits behind T2 (a soft wait), not behind T1.
    @Test func classicOutageShowsTheSoftWait() throws {
        let outage = try ClassicOutage()
        defer { outage.end() }
        let (observer, table, t1, t2, t3) = (outage.observer, outage.table, outage.t1, outage.t2, outage.t3)

        let live = LiveLockTable(snapshot: try LockSnapshot.read(from: observer))
        let queue = try #require(live.queues().first { $0.tag.relationName == "public.\(table)" })
        #expect(queue.holders.map(\.pid) == [t1.pid])
        #expect(queue.holders.first?.modes == [.rowExclusive])
        #expect(queue.waiters.map(\.pid) == [t2.pid, t3.pid])
        #expect(queue.waiters.map(\.mode) == [.accessExclusive, .rowExclusive])
        #expect(queue.waiters[0].hardBlockers.map { live.pid(of: $0) } == [t1.pid])
        #expect(queue.waiters[1].hardBlockers.isEmpty)
        #expect(queue.waiters[1].softBlockers.map { live.pid(of: $0) } == [t2.pid])
        #expect(live.snapshot.activity[t1.pid]?.isIdleInTransaction == true)
    }
}

@Suite("Integration: predicting a migration's lock requests against live traffic")
struct MigrationLockPredictorTests {
    @Test func alterTableBehindIdleTransactionIsPredictedToWait() throws {
        let observer = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("predict")
        try observer.execute("CREATE TABLE \(table) (id int)")
        defer { _ = try? observer.execute("DROP TABLE IF EXISTS \(table)") }
        let url = try TestDatabase.url()
        let idle = try SessionWorker(url: url, label: "idle")
        let alter = try SessionWorker(url: url, label: "alter")
        defer {
            if alter.isBusy { try? alter.canceller.cancel() }
            _ = try? alter.result(within: 10)
            _ = try? idle.run("ROLLBACK")
        }
        try idle.run("SET application_name = 'report-job'; BEGIN; INSERT INTO \(table) VALUES (1)")

        var predictor = MigrationLockPredictor(table: LiveLockTable(snapshot: try LockSnapshot.read(from: observer)))
        let select = predictor.predict(relation: "public.\(table)", mode: .accessShare)
        #expect(select.outcome == .granted)
        predictor.endTransaction()
        let alterTable = predictor.predict(relation: "public.\(table)", mode: .accessExclusive)
        #expect(alterTable.outcome == .wait)
        #expect(alterTable.blockers.map(\.kind) == [.hard])
        #expect(alterTable.blockers.first?.session.pid == idle.pid)
        #expect(alterTable.blockers.first?.session.state == "idle in transaction")
        #expect(alterTable.blockers.first?.session.applicationName == "report-job")
        // CREATE INDEX (Share) is already blocked by the idle RowExclusive holder, so it is not news.
        #expect(alterTable.wouldBlock == ["SELECT", "SELECT FOR UPDATE/SHARE", "INSERT/UPDATE/DELETE", "VACUUM/ANALYZE/CREATE INDEX CONCURRENTLY"])

        // Once a real ALTER TABLE waits, an INSERT from the runner would queue softly behind it.
        alter.send("ALTER TABLE \(table) ADD COLUMN c int")
        try waitUntilBlocked(pid: alter.pid, on: observer)
        var afterAlter = MigrationLockPredictor(table: LiveLockTable(snapshot: try LockSnapshot.read(from: observer)))
        let insert = afterAlter.predict(relation: table, mode: .rowExclusive)
        #expect(insert.outcome == .wait)
        #expect(insert.relation == "public.\(table)")
        #expect(insert.blockers.map(\.kind) == [.soft])
        #expect(insert.blockers.first?.session.pid == alter.pid)
        let untouched = afterAlter.predict(relation: "public.nobody_locks_this", mode: .accessExclusive)
        #expect(untouched.outcome == .granted)
    }
}
