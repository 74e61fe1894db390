import Testing
@testable import OnlineDDLLocking

/// When apply may leave the catalog unread: no session but the runner's own holds or
/// awaits a lock on any relation (``LockSnapshot/isQuiet(ignoring:)``).
@Suite("Locking: a quiet lock table")
struct QuietLockTableTests {
    typealias Gate = GateAssessmentTests
    static let runner: Int32 = 42

    static func snapshot(_ locks: [LockSnapshot.Lock], _ backends: [SessionActivity] = []) -> LockSnapshot {
        LockSnapshot(
            locks: locks, activity: Dictionary(uniqueKeysWithValues: backends.map { ($0.pid, $0) }), takenAt: Gate.now,
            serverVersion: 160_004)
    }

    /// A lock that is not on a relation, held by `pid`.
    static func transactionLock(_ pid: Int32, type: String = "virtualxid") -> LockSnapshot.Lock {
        LockSnapshot.Lock(
            tag: LockTag(type: type, key: "3/\(pid)"), session: "3/\(pid)", pid: pid, mode: .exclusive, granted: true,
            waitStart: nil)
    }

    @Test func anEmptyLockTableIsQuiet() {
        #expect(Self.snapshot([]).isQuiet(ignoring: []))
    }

    @Test func theRunnersOwnRelationLocksAreIgnored() {
        let own = Self.snapshot([Gate.lock(Self.runner, .accessExclusive), Gate.lock(Self.runner, .rowExclusive, on: Gate.orders)])
        #expect(own.isQuiet(ignoring: [Self.runner]))
        #expect(!own.isQuiet(ignoring: []))
    }

    @Test func idleSessionsWithoutRelationLocksAreQuiet() {
        let idle = Self.snapshot(
            [Self.transactionLock(7), Self.transactionLock(8, type: "transactionid"), Self.transactionLock(9, type: "advisory")],
            [Gate.backend(7, "idle", age: 5), Gate.backend(8, "idle in transaction", age: 5)])
        #expect(idle.isQuiet(ignoring: [Self.runner]))
    }

    @Test(arguments: [LockMode.accessShare, .rowExclusive, .shareUpdateExclusive, .accessExclusive])
    func anyOtherSessionsRelationLockIsNotQuiet(mode: LockMode) {
        let held = Self.snapshot([Gate.lock(Self.runner, .accessExclusive), Gate.lock(7, mode, on: Gate.orders)],
                                 [Gate.backend(7, "idle in transaction", age: 5)])
        #expect(!held.isQuiet(ignoring: [Self.runner]))
    }

    @Test func aWaitingRequestIsNotQuiet() {
        let waiting = Self.snapshot([Gate.lock(7, .accessShare, waiting: true)], [Gate.backend(7, "active", age: 0.01)])
        #expect(!waiting.isQuiet(ignoring: [Self.runner]))
    }

    @Test func anAutovacuumWorkerIsNotQuiet() {
        let worker = SessionActivity(
            pid: 7, user: nil, applicationName: "", clientAddress: nil, state: nil, backendXID: nil,
            transactionStart: Gate.now - 0.01, queryStart: Gate.now - 0.01, stateChange: nil, waitEventType: nil,
            waitEvent: nil, query: "autovacuum: VACUUM public.accounts", backendType: "autovacuum worker")
        #expect(!Self.snapshot([Gate.lock(7, .shareUpdateExclusive)], [worker]).isQuiet(ignoring: [Self.runner]))
    }

    @Test func aPreparedTransactionsLockIsNotQuiet() {
        #expect(!Self.snapshot([Gate.lock(nil, .rowExclusive)]).isQuiet(ignoring: [Self.runner]))
    }
}
