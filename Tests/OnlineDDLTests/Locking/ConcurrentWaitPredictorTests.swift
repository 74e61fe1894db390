import Testing
@testable import OnlineDDLLocking

/// The waits of `CONCURRENTLY` statements, predicted from a lock table and a session
/// snapshot as `GetLockConflicts` and `GetCurrentVirtualXIDs` would list them
/// (docs: concurrent-builds notes §1–§4).
@Suite("Locking: predicted waits of CONCURRENTLY statements")
struct ConcurrentWaitPredictorTests {
    static let table = ConcurrentStatement.Table(name: "public.a", id: 100)
    static let database: UInt32 = 5

    static func lock(_ session: String, pid: Int32?, _ mode: LockMode, relation: UInt32 = 100, granted: Bool = true) -> LockSnapshot.Lock {
        LockSnapshot.Lock(
            tag: LockTag(type: "relation", key: "5:\(relation)", relationName: "public.r\(relation)", relationID: relation),
            session: session, pid: pid, mode: mode, granted: granted, waitStart: nil)
    }

    static func predict(
        _ kind: ConcurrentStatement.Kind, locks: [LockSnapshot.Lock] = [], backends: [ConcurrentWaitSnapshot.Backend] = [],
        prepared: [ConcurrentWaitSnapshot.PreparedTransaction] = [], limitXmin: UInt32 = 1000, tables: [ConcurrentStatement.Table] = [table]
    ) -> [ConcurrentWait] {
        let activity = Dictionary(uniqueKeysWithValues: Set(locks.compactMap(\.pid)).map {
            ($0, SessionActivity(pid: $0, applicationName: "app\($0)", state: "idle in transaction", transactionStart: 90))
        })
        let snapshot = LockSnapshot(locks: locks, activity: activity, takenAt: 100, serverVersion: 150000)
        let sessions = ConcurrentWaitSnapshot(
            database: database, backends: backends, preparedTransactions: prepared, limitXmin: limitXmin, takenAt: 100)
        return ConcurrentWaitPredictor(locks: snapshot, sessions: sessions).predict(ConcurrentStatement(kind: kind, tables: tables))
    }

    static func pids(_ waits: [ConcurrentWait], _ phase: ConcurrentWaitPhase) -> [Int32?] {
        waits.filter { $0.phase == phase }.flatMap(\.sessions).map(\.pid)
    }

    static func snapshotHolder(_ pid: Int32, xmin: UInt32? = 900, state: String = "idle in transaction", database: UInt32? = database,
                               type: String = "client backend", lazyVacuum: Bool = false, safeBuild: Bool = false) -> ConcurrentWaitSnapshot.Backend {
        ConcurrentWaitSnapshot.Backend(
            pid: pid, database: database, backendType: type, applicationName: "psql", state: state, xmin: xmin,
            transactionStart: 88, inLazyVacuum: lazyVacuum, inSafeIndexBuild: safeBuild)
    }

    @Test func eachKindWaitsInItsPhases() {
        #expect(Self.predict(.createIndex).map(\.phase) == [.writersBeforeBuild, .oldSnapshots])
        #expect(Self.predict(.reindex).map(\.phase) == [.writersBeforeBuild, .oldSnapshots, .readersBeforeMarkingDead])
        #expect(Self.predict(.dropIndex).map(\.phase) == [.lockersOfTable])
        #expect(Self.predict(.detachPartition).map(\.phase) == [.lockersOfTable])
        #expect(Self.predict(.detachFinalize).map(\.phase) == [.oldSnapshots])
        #expect(Self.predict(.createIndex).first?.relation == "public.a")
        #expect(Self.predict(.createIndex).last?.relation == nil)
        // A table the catalog does not have yet: nobody locks it, so no lock phase.
        #expect(Self.predict(.dropIndex, tables: []).isEmpty)
        #expect(Self.predict(.createIndex, tables: []).map(\.phase) == [.oldSnapshots])
    }

    @Test func writersOfTheTableAreWaitedForButNotReadersOrPhaseZeroHolders() {
        let locks = [
            Self.lock("3/7", pid: 30, .rowExclusive),
            Self.lock("3/7", pid: 30, .accessShare),
            Self.lock("4/1", pid: 40, .accessShare),
            Self.lock("5/2", pid: 50, .rowShare),
            // A SHARE UPDATE EXCLUSIVE holder (autovacuum) blocks phase 0, not phase 1.
            Self.lock("6/3", pid: 60, .shareUpdateExclusive),
            Self.lock("7/4", pid: 70, .rowExclusive, relation: 200),
            Self.lock("8/5", pid: 80, .rowExclusive, granted: false),
            // A session lock of a backend between transactions never counts.
            Self.lock("9/0", pid: 90, .rowExclusive),
        ]
        let waits = Self.predict(.createIndex, locks: locks)
        #expect(Self.pids(waits, .writersBeforeBuild) == [30])
        let writer = waits[0].sessions[0]
        #expect(writer.reason == .holdsLock && writer.mode == .rowExclusive && writer.certainty == .certain)
        #expect(writer.applicationName == "app30" && writer.transactionAgeSeconds == 10 && writer.state == "idle in transaction")
    }

    @Test func readersPhasesWaitForEveryLockerThatCoexistsWithTheSessionLock() {
        let locks = [
            Self.lock("3/7", pid: 30, .rowExclusive),
            Self.lock("4/1", pid: 40, .accessShare),
            Self.lock("5/2", pid: 50, .rowShare),
            Self.lock("6/3", pid: 60, .shareUpdateExclusive),
        ]
        #expect(Self.pids(Self.predict(.dropIndex, locks: locks), .lockersOfTable) == [30, 40, 50])
        #expect(Self.pids(Self.predict(.detachPartition, locks: locks), .lockersOfTable) == [30, 40, 50])
        #expect(Self.pids(Self.predict(.reindex, locks: locks), .readersBeforeMarkingDead) == [30, 40, 50])
        #expect(Self.pids(Self.predict(.reindex, locks: locks), .writersBeforeBuild) == [30])
        // The strongest lock of a transaction speaks for it, once.
        let twice = [Self.lock("4/1", pid: 40, .accessShare), Self.lock("4/1", pid: 40, .rowExclusive)]
        #expect(Self.predict(.dropIndex, locks: twice)[0].sessions.map(\.mode) == [.rowExclusive])
    }

    @Test func aPreparedWriterIsWaitedForByItsGid() throws {
        let prepared = ConcurrentWaitSnapshot.PreparedTransaction(gid: "p1", virtualTransaction: "-1/745", prepared: 40)
        let waits = Self.predict(.createIndex, locks: [Self.lock("-1/745", pid: nil, .rowExclusive)], prepared: [prepared])
        let session = try #require(waits.first?.sessions.first)
        #expect(session.pid == nil && session.preparedTransaction == "p1" && session.transactionAgeSeconds == 60)
        #expect(session.explanation.contains("COMMIT PREPARED"))
        // Prepared transactions never hold a snapshot: none in the snapshot phase.
        #expect(Self.pids(waits, .oldSnapshots).isEmpty)
    }

    @Test func oldSnapshotsOfTheSameDatabaseAreWaitedForWhateverTheyTouched() {
        let backends = [
            Self.snapshotHolder(11),
            Self.snapshotHolder(12, state: "active"),
            Self.snapshotHolder(13, xmin: 1000),
        ]
        let waits = Self.predict(.createIndex, backends: backends)
        #expect(Self.pids(waits, .oldSnapshots) == [11, 12, 13])
        let sessions = waits[1].sessions
        #expect(sessions[0].reason == .snapshotIdleInTransaction && sessions[0].certainty == .certain)
        #expect(sessions[1].reason == .snapshotInStatement && sessions[1].certainty == .likely)
        #expect(sessions[0].applicationName == "psql" && sessions[0].transactionAgeSeconds == 12)
    }

    @Test func theSnapshotWaitSkipsWhatPostgreSQLExcludes() {
        let backends = [
            // READ COMMITTED idle in transaction: no snapshot between statements.
            Self.snapshotHolder(21, xmin: nil),
            Self.snapshotHolder(22, database: 6),
            // A physical walsender with hot_standby_feedback: no database.
            Self.snapshotHolder(23, database: nil, type: "walsender"),
            Self.snapshotHolder(24, state: "active", type: "autovacuum worker"),
            Self.snapshotHolder(25, state: "active", lazyVacuum: true),
            Self.snapshotHolder(26, state: "active", safeBuild: true),
            // A snapshot newer than limitXmin.
            Self.snapshotHolder(27, xmin: 1001),
        ]
        #expect(Self.pids(Self.predict(.createIndex, backends: backends), .oldSnapshots).isEmpty)
        #expect(Self.pids(Self.predict(.reindex, backends: backends), .oldSnapshots).isEmpty)
        // DROP INDEX and DETACH CONCURRENTLY never wait for snapshots.
        #expect(Self.pids(Self.predict(.dropIndex, backends: [Self.snapshotHolder(11)]), .oldSnapshots).isEmpty)
        #expect(Self.pids(Self.predict(.detachFinalize, backends: [Self.snapshotHolder(11)]), .oldSnapshots) == [11])
    }

    @Test func xidsCompareAcrossWraparound() {
        #expect(ConcurrentWaitPredictor.transactionID(4_294_967_000, precedesOrEquals: 100))
        #expect(!ConcurrentWaitPredictor.transactionID(100, precedesOrEquals: 4_294_967_000))
        #expect(ConcurrentWaitPredictor.transactionID(7, precedesOrEquals: 7))
        #expect(ConcurrentWaitPredictor.transactionID(2, precedesOrEquals: 4_294_967_000))
        let wrapped = [Self.snapshotHolder(31, xmin: 4_294_967_000)]
        #expect(Self.pids(Self.predict(.createIndex, backends: wrapped, limitXmin: 50), .oldSnapshots) == [31])
    }
}
