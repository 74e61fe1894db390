import Testing
@testable import OnlineDDLLocking

/// A hot standby's lock table while WAL replay waits, as PostgreSQL 15 showed it: the
/// startup process (`1/0`) awaits AccessExclusiveLock on `t` behind a report's
/// AccessShareLock, and a reader queues behind the startup process.
@Suite("Locking: the startup process of a hot standby in the live lock table")
struct ReplayStallTests {
    static let now = 1_000_000.0
    static let t = LockTag(type: "relation", key: "5:16385", relationName: "public.t", relationID: 16385)
    static let (startup, report, reader): (Int32, Int32, Int32) = (30517, 31360, 31424)

    static func lock(_ pid: Int32, _ session: String, _ mode: LockMode, on tag: LockTag = t, waitingFor seconds: Double? = nil) -> LockSnapshot.Lock {
        LockSnapshot.Lock(tag: tag, session: session, pid: pid, mode: mode, granted: seconds == nil,
                          waitStart: seconds.map { now - $0 })
    }

    static func backend(_ pid: Int32, _ state: String?, type: String = "client backend", application: String = "") -> SessionActivity {
        SessionActivity(pid: pid, applicationName: application, state: state, transactionStart: state == nil ? nil : now - 3,
                        queryStart: state == nil ? nil : now - 1, query: state == nil ? "" : "SELECT count(*) FROM t",
                        backendType: type)
    }

    /// The stall; `readerWaits` false leaves the reader out, `startupWaits` false has the
    /// report gone and the startup process holding its lock (replay goes on, the reader
    /// waits for the startup process as a holder).
    static func table(readerWaits: Bool = true, startupWaits: Bool = true) -> LiveLockTable {
        var locks = [lock(startup, "1/0", .exclusive, on: LockTag(type: "virtualxid", key: "1/1"))]
        if startupWaits {
            locks += [lock(report, "2/5", .accessShare), lock(startup, "1/0", .accessExclusive, waitingFor: 2.5)]
        } else {
            locks.append(lock(startup, "1/0", .accessExclusive))
        }
        if readerWaits { locks.append(lock(reader, "3/2", .accessShare, waitingFor: 1)) }
        let activity = [backend(startup, nil, type: "startup"), backend(report, "idle in transaction", application: "report"),
                        backend(reader, "active", application: "reader")]
        return LiveLockTable(snapshot: LockSnapshot(
            locks: locks, activity: Dictionary(uniqueKeysWithValues: activity.map { ($0.pid, $0) }), takenAt: now,
            serverVersion: 150_018, standby: StandbyRecovery(maxStandbyStreamingDelay: .seconds(30))))
    }

    @Test func theStartupProcessIsFoundByItsBackendType() {
        let table = Self.table()
        #expect(table.startupProcessSession == "1/0")
        #expect(table.isStartupProcess("1/0"))
        #expect(!table.isStartupProcess("2/5"))
    }

    @Test func itWaitsForTheHolderAndTheReaderForIt() throws {
        let table = Self.table()
        let stall = try #require(table.replayStall)
        #expect(stall.pid == Self.startup)
        #expect(stall.tag == Self.t)
        #expect(stall.mode == .accessExclusive)
        #expect(stall.waitingSeconds == 2.5)
        #expect(stall.holders == ["2/5"])
        #expect(stall.queuedBehind.isEmpty)
        #expect(stall.stalledReaders == ["3/2"])
        // As the server said: pg_blocking_pids(reader) = {startup}; of the startup it is
        // empty, but the replayed table knows its holder.
        #expect(table.blockingPIDs(of: Self.reader) == [Self.startup])
        #expect(table.blockingPIDs(of: Self.startup) == [Self.report])
    }

    @Test func aStallWithoutReadersHasNone() throws {
        #expect(try #require(Self.table(readerWaits: false).replayStall).stalledReaders.isEmpty)
    }

    @Test func aStartupProcessHoldingItsLockIsNoStall() {
        let table = Self.table(startupWaits: false)
        #expect(table.replayStall == nil)
        #expect(table.startupProcessSession == "1/0")
        #expect(table.blockingPIDs(of: Self.reader) == [Self.startup])
    }

    @Test func aPrimaryHasNoStartupProcess() {
        let table = LiveLockTable(snapshot: LockSnapshot(
            locks: [Self.lock(Self.report, "2/5", .accessShare)], activity: [Self.report: Self.backend(Self.report, "active")],
            takenAt: Self.now, serverVersion: 180_001))
        #expect(table.startupProcessSession == nil)
        #expect(table.replayStall == nil)
    }

    @Test(arguments: [(-1.0, StandbyRecovery.StreamingDelay.forever), (0, .seconds(0)), (30_000, .seconds(30))])
    func theDelayIsReadInMilliseconds(milliseconds: Double, delay: StandbyRecovery.StreamingDelay) {
        #expect(StandbyRecovery.StreamingDelay(milliseconds: milliseconds) == delay)
    }
}
