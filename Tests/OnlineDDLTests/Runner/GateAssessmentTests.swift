import Testing
@testable import OnlineDDLLocking
@testable import OnlineDDLRunner

/// The prediction gate against hand-built lock snapshots: who holds or awaits what on
/// `public.accounts` (OID 1000) and `public.orders` (OID 2000), and what each backend is doing.
@Suite("Runner: prediction gate")
struct GateAssessmentTests {
    static let now = 1_000_000.0
    static let accounts = LockTag(type: "relation", key: "5:1000", relationName: "public.accounts", relationID: 1000)
    static let orders = LockTag(type: "relation", key: "5:2000", relationName: "public.orders", relationID: 2000)

    /// A backend in `state` whose transaction began `age` seconds before the snapshot.
    static func backend(_ pid: Int32, _ state: String, age: Double) -> SessionActivity {
        SessionActivity(
            pid: pid, user: "app", applicationName: "web-\(pid)", clientAddress: nil, state: state, backendXID: nil,
            transactionStart: now - age, queryStart: now - age, stateChange: now - age, waitEventType: nil,
            waitEvent: nil, query: "UPDATE accounts\n   SET balance = 0", backendType: "client backend")
    }

    /// A lock of backend `pid` (nil: a prepared transaction), granted unless `waiting`.
    static func lock(_ pid: Int32?, _ mode: LockMode, on tag: LockTag = GateAssessmentTests.accounts, waiting: Bool = false) -> LockSnapshot.Lock {
        LockSnapshot.Lock(
            tag: tag, session: pid.map { "3/\($0)" } ?? "-1/777", pid: pid, mode: mode, granted: !waiting,
            waitStart: waiting ? now - 0.1 : nil)
    }

    static func assess(
        _ locks: [LockSnapshot.Lock], _ backends: [SessionActivity], request: [RelationLock],
        runnerPID: Int32? = nil
    ) -> GateAssessment {
        let snapshot = LockSnapshot(
            locks: locks, activity: Dictionary(uniqueKeysWithValues: backends.map { ($0.pid, $0) }), takenAt: now,
            serverVersion: 160_004)
        return GateAssessment.assess(request, table: LiveLockTable(snapshot: snapshot), runnerPID: runnerPID, longTransactionAge: 1)
    }

    static func request(_ mode: LockMode, on tag: LockTag = GateAssessmentTests.accounts) -> RelationLock {
        RelationLock(relation: tag.relationName!, mode: mode, relationID: tag.relationID)
    }

    @Test func clearWhenNobodyHoldsAConflictingLock() {
        let idle = Self.backend(101, "idle in transaction", age: 60)
        let otherTable = Self.assess([Self.lock(101, .accessExclusive, on: Self.orders)], [idle], request: [Self.request(.accessExclusive)])
        #expect(otherTable.verdict == .clear)
        #expect(otherTable.predictions.map(\.outcome) == [.granted])
        #expect(otherTable.blockers.isEmpty)
        let compatible = Self.assess([Self.lock(101, .rowExclusive)], [idle], request: [Self.request(.shareUpdateExclusive)])
        #expect(compatible.verdict == .clear)
        #expect(Self.assess([], [], request: [Self.request(.accessExclusive)]).verdict == .clear)
    }

    @Test func waitsBehindAnIdleInTransactionHolder() {
        let assessment = Self.assess(
            [Self.lock(101, .rowExclusive)], [Self.backend(101, "idle in transaction", age: 42)],
            request: [Self.request(.accessExclusive)])
        #expect(assessment.verdict == .wait)
        #expect(assessment.predictions.map(\.outcome) == [.wait])
        #expect(assessment.predictions[0].blockers.map(\.kind) == [.hard])
        #expect(assessment.blockers == [GateBlocker(
            pid: 101, applicationName: "web-101", user: "app", state: "idle in transaction", transactionAgeSeconds: 42,
            query: "UPDATE accounts SET balance = 0", isLong: true, reason: "idle in transaction for 42.0 s")])
    }

    @Test func proceedsBehindAYoungRunningTransaction() throws {
        let assessment = Self.assess(
            [Self.lock(101, .rowExclusive)], [Self.backend(101, "active", age: 0.2)], request: [Self.request(.accessExclusive)])
        #expect(assessment.verdict == .proceed)
        let blocker = try #require(assessment.blockers.first)
        #expect(assessment.blockers.count == 1)
        #expect(blocker.pid == 101)
        #expect(!blocker.isLong)
        #expect(blocker.reason == "young transaction")
        #expect(abs(try #require(blocker.transactionAgeSeconds) - 0.2) < 1e-6)
    }

    /// Between two statements a busy application's young transaction is idle for a moment:
    /// under the 100 ms grace it is not long; idle past it, it is.
    @Test func aYoungTransactionIdleForAMomentIsNotLong() {
        let between = Self.assess(
            [Self.lock(101, .rowExclusive)], [Self.backend(101, "idle in transaction", age: 0.05)],
            request: [Self.request(.accessExclusive)])
        #expect(between.verdict == .proceed)
        #expect(between.blockers.map(\.reason) == ["young transaction"])
        let forgotten = Self.assess(
            [Self.lock(101, .rowExclusive)], [Self.backend(101, "idle in transaction", age: 0.15)],
            request: [Self.request(.accessExclusive)])
        #expect(forgotten.verdict == .wait)
        #expect(forgotten.blockers.map(\.reason) == ["idle in transaction for 0.2 s"])
    }

    @Test func waitsBehindARunningTransactionOlderThanTheThreshold() {
        let assessment = Self.assess(
            [Self.lock(101, .rowExclusive)], [Self.backend(101, "active", age: 5)], request: [Self.request(.accessExclusive)])
        #expect(assessment.verdict == .wait)
        #expect(assessment.blockers.map(\.pid) == [101])
        #expect(assessment.blockers.map(\.isLong) == [true])
        #expect(assessment.blockers.map(\.reason) == ["transaction open for 5.0 s"])
    }

    /// pid 101 holds ACCESS SHARE, pid 102 queues for ACCESS EXCLUSIVE behind it. A SHARE
    /// UPDATE EXCLUSIVE request conflicts only with 102's queued request: a soft wait.
    static func softWait(holderState: String, holderAge: Double) -> GateAssessment {
        assess(
            [lock(101, .accessShare), lock(102, .accessExclusive, waiting: true)],
            [backend(101, holderState, age: holderAge), backend(102, "active", age: 0.1)],
            request: [request(.shareUpdateExclusive)])
    }

    /// An autovacuum worker holds SHARE UPDATE EXCLUSIVE for as long as the table takes,
    /// however young: queueing behind it would stall the table until PostgreSQL cancels it.
    @Test func waitsBehindAutovacuumHoweverYoung() throws {
        let worker = SessionActivity(
            pid: 301, user: nil, applicationName: "", clientAddress: nil, state: "active", backendXID: nil,
            transactionStart: Self.now - 0.2, queryStart: Self.now - 0.2, stateChange: Self.now - 0.2, waitEventType: nil,
            waitEvent: nil, query: "autovacuum: VACUUM public.accounts", backendType: "autovacuum worker")
        let assessment = Self.assess(
            [Self.lock(301, .shareUpdateExclusive)], [worker], request: [Self.request(.accessExclusive)])
        #expect(assessment.verdict == .wait)
        let blocker = try #require(assessment.blockers.first)
        #expect(blocker.isLong)
        #expect(blocker.reason == "autovacuum running for 199 ms")
        #expect(blocker.query == "autovacuum: VACUUM public.accounts")
        // The same worker does not hold up a request its lock does not conflict with.
        let compatible = Self.assess([Self.lock(301, .shareUpdateExclusive)], [worker], request: [Self.request(.rowExclusive)])
        #expect(compatible.verdict == .clear)
    }

    @Test func waitsBehindAQueuedWaiterStuckBehindAnIdleSession() {
        let assessment = Self.softWait(holderState: "idle in transaction", holderAge: 42)
        #expect(assessment.verdict == .wait)
        #expect(assessment.predictions[0].blockers.map(\.kind) == [.soft])
        #expect(assessment.blockers.map(\.pid) == [102])
        #expect(assessment.blockers.map(\.isLong) == [true])
        #expect(assessment.blockers.map(\.reason) == ["queued behind pid 101 (idle in transaction for 42.0 s)"])
    }

    @Test func proceedsBehindAQueuedWaiterStuckBehindAYoungTransaction() {
        let assessment = Self.softWait(holderState: "active", holderAge: 0.3)
        #expect(assessment.verdict == .proceed)
        #expect(assessment.blockers.map(\.pid) == [102])
        #expect(assessment.blockers.map(\.reason) == ["young transaction"])
    }

    @Test func waitsBehindAPreparedTransaction() {
        let assessment = Self.assess([Self.lock(nil, .rowExclusive)], [], request: [Self.request(.accessExclusive)])
        #expect(assessment.verdict == .wait)
        #expect(assessment.blockers == [GateBlocker(
            pid: nil, applicationName: nil, user: nil, state: nil, transactionAgeSeconds: nil, query: nil, isLong: true,
            reason: "prepared transaction")])
    }

    @Test func theRunnersOwnLocksDoNotBlockIt() {
        let locks = [Self.lock(200, .accessExclusive)]
        let runner = [Self.backend(200, "idle in transaction", age: 3)]
        let own = Self.assess(locks, runner, request: [Self.request(.accessExclusive)], runnerPID: 200)
        #expect(own.verdict == .clear)
        #expect(own.predictions.map(\.outcome) == [.granted])
        // The same lock seen from a new session is an idle-in-transaction holder.
        let other = Self.assess(locks, runner, request: [Self.request(.accessExclusive)])
        #expect(other.verdict == .wait)
        #expect(other.blockers.map(\.pid) == [200])
    }

    @Test func longBlockersComeFirst() {
        let assessment = Self.assess(
            [Self.lock(101, .rowExclusive), Self.lock(102, .rowShare)],
            [Self.backend(101, "active", age: 0.2), Self.backend(102, "idle in transaction (aborted)", age: 10)],
            request: [Self.request(.accessExclusive)])
        #expect(assessment.verdict == .wait)
        #expect(assessment.blockers.map(\.pid) == [102, 101])
        #expect(assessment.blockers.map(\.isLong) == [true, false])
        #expect(assessment.blockers.map(\.reason) == ["idle in transaction for 10.0 s", "young transaction"])
    }

    @Test func predictionsStopAtTheFirstRequestThatWaits() {
        let assessment = Self.assess(
            [Self.lock(101, .rowExclusive)], [Self.backend(101, "idle in transaction", age: 42)],
            request: [Self.request(.accessExclusive, on: Self.orders), Self.request(.accessExclusive), Self.request(.share, on: Self.orders)])
        #expect(assessment.verdict == .wait)
        #expect(assessment.predictions.map(\.relation) == ["public.orders", "public.accounts"])
        #expect(assessment.predictions.map(\.outcome) == [.granted, .wait])
    }

    /// A lock upgrade both ways: the runner and pid 101 hold ACCESS SHARE, 101 awaits ACCESS
    /// EXCLUSIVE; the runner asking for it too would fail at once with a deadlock.
    @Test func anImmediateDeadlockWaitsWithoutBlockers() {
        let assessment = Self.assess(
            [Self.lock(200, .accessShare), Self.lock(101, .accessShare), Self.lock(101, .accessExclusive, waiting: true)],
            [Self.backend(200, "idle in transaction", age: 1), Self.backend(101, "active", age: 0.5)],
            request: [Self.request(.accessExclusive)], runnerPID: 200)
        #expect(assessment.verdict == .wait)
        #expect(assessment.predictions.map(\.outcome) == [.deadlock])
        #expect(assessment.blockers.isEmpty)
    }
}
