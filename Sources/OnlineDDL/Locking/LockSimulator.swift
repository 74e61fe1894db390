/// An in-process model of PostgreSQL's heavyweight lock manager (lock.c / proc.c) for one
/// database: granted locks per session and object, and each object's ordered wait queue.
///
/// It reproduces which requests are granted, which sleep and in what queue order, the
/// `waitMask` rule (a queued request blocks later conflicting ones), the queue-insertion
/// rule for sessions that already hold locks on the object (early deadlock and
/// grant-without-waiting), the wakeup scan on release, and the NOWAIT difference between
/// PostgreSQL 16 and 17, and the fast path for weak relation locks, which hides them from
/// the insertion rule until a strong request transfers them. Not modelled: lock groups
/// (parallel query), fast-path hash-partition collisions,
/// subtransactions, time (`deadlock_timeout`, `lock_timeout`: the caller decides when a waiter
/// gives up, and runs ``checkDeadlock(for:)`` when it wants the deadlock detector's verdict),
/// and the detector's reordering of wait queues to resolve soft deadlocks.
///
/// The simulator is a value: a copy is an independent what-if world. Sessions and objects
/// are named by strings and interned to dense indices; ``LockSessionID`` and
/// ``LockObjectID`` give an allocation-free request path.
public struct LockSimulator: Sendable {
    /// The PostgreSQL major version whose behaviour is simulated, such as 16 or 17.
    public let postgresVersion: Int

    /// Session names by index; the index order is first-seen order.
    private(set) var sessionNames: [String] = []
    private(set) var sessionIndexByName: [String: Int] = [:]
    /// Object names by index; the index order is first-seen order.
    private(set) var objectNames: [String] = []
    private(set) var objectIndexByName: [String: Int] = [:]
    private(set) var sessions: [SessionLockState] = []
    private(set) var objects: [ObjectLockState] = []

    /// Creates an empty lock table for a PostgreSQL major version (12 through 18 behave as
    /// documented; later versions are assumed to behave like 18).
    public init(postgresVersion: Int) {
        self.postgresVersion = postgresVersion
    }

    /// Commit 2346df6fc3 (PostgreSQL 17): a NOWAIT request runs the queue-insertion rule,
    /// and can be granted by it, before it fails.
    var noWaitTriesQueueRule: Bool { postgresVersion >= 17 }

    // MARK: Interning

    /// The ID of the session with this name, registering it on first use.
    public mutating func sessionID(for name: String) -> LockSessionID {
        if let index = sessionIndexByName[name] { return LockSessionID(index: index) }
        sessionIndexByName[name] = sessionNames.count
        sessionNames.append(name)
        sessions.append(SessionLockState())
        return LockSessionID(index: sessionNames.count - 1)
    }

    /// The ID of the object with this name, registering it on first use.
    public mutating func objectID(for name: String) -> LockObjectID {
        if let index = objectIndexByName[name] { return LockObjectID(index: index) }
        objectIndexByName[name] = objectNames.count
        objectNames.append(name)
        objects.append(ObjectLockState())
        return LockObjectID(index: objectNames.count - 1)
    }

    /// The name a session was registered with.
    public func name(of session: LockSessionID) -> String { sessionNames[session.index] }

    /// The name an object was registered with.
    public func name(of object: LockObjectID) -> String { objectNames[object.index] }

    // MARK: Requests

    /// Whether the session sleeps in a wait queue.
    public func isWaiting(_ session: LockSessionID) -> Bool {
        sessions[session.index].awaited != nil
    }

    /// Requests `mode` on `object` for `session`, as lock.c `LockAcquireExtended` does.
    ///
    /// A mode the session already holds is granted again at once, even with waiters queued.
    /// `.deadlock` and `.notAvailable` leave the lock state unchanged.
    ///
    /// - Precondition: the session is not waiting; a sleeping backend cannot send a statement.
    public mutating func acquire(
        _ session: LockSessionID, on object: LockObjectID, mode: LockMode, noWait: Bool = false
    ) -> LockAcquireStatus {
        precondition(!isWaiting(session), "a waiting session cannot request another lock")
        let objectIndex = Int32(object.index)
        if sessions[session.index].heldModes(on: objectIndex).contains(mode) { return .granted }
        if canUseFastPath(session, on: object, mode: mode) {
            sessions[session.index].recordFastPathGrant(mode, on: objectIndex)
            objects[object.index].addFastPathHolder(Int32(session.index))
            return .granted
        }
        if mode.isStrong {
            objects[object.index].strongLockCount += 1
            transferFastPathLocks(on: object.index)
        }
        let heldModes = sessions[session.index].sharedTableModes(on: objectIndex)
        let decision = objects[object.index].decide(
            mode, heldModes: heldModes, noWait: noWait, noWaitTriesQueueRule: noWaitTriesQueueRule)
        switch decision {
        case .grant:
            objects[object.index].grant(mode)
            sessions[session.index].recordGrant(mode, on: objectIndex)
            return .granted
        case .wait(let position):
            let request = QueuedRequest(session: Int32(session.index), mode: mode, heldModes: heldModes)
            objects[object.index].enqueue(request, at: position)
            sessions[session.index].awaited = SessionLockState.Wait(object: objectIndex, mode: mode)
            return .waiting
        case .deadlock:
            if mode.isStrong { objects[object.index].strongLockCount -= 1 }
            return .deadlock
        case .notAvailable:
            if mode.isStrong { objects[object.index].strongLockCount -= 1 }
            return .notAvailable
        }
    }

    /// Fast-path slots per backend: 16 up to PostgreSQL 17; PostgreSQL 18 sizes them from
    /// `max_locks_per_transaction` (64 with the default), in groups of 16 by relation.
    var fastPathSlotsPerSession: Int { postgresVersion >= 18 ? 64 : 16 }

    /// lock.c `EligibleForRelationFastPath`: a weak mode, no strong lock held or awaited on
    /// the object, and a free (or the object's own) fast-path slot.
    func canUseFastPath(_ session: LockSessionID, on object: LockObjectID, mode: LockMode) -> Bool {
        mode.usesFastPath && objects[object.index].strongLockCount == 0
            && sessions[session.index].hasFastPathSlot(for: Int32(object.index), slots: fastPathSlotsPerSession)
    }

    /// lock.c `FastPathTransferRelationLocks`: before a strong request is checked, every
    /// session's fast-path locks on the object move into the shared table. A session that
    /// already waits keeps the `heldLocks` it queued with, as PostgreSQL does.
    mutating func transferFastPathLocks(on object: Int) {
        for holder in objects[object].takeFastPathHolders() {
            for mode in sessions[Int(holder)].transferFastPathModes(on: Int32(object)).modes {
                objects[object].grant(mode)
            }
        }
    }

    /// Ends the session's transaction (COMMIT, ROLLBACK or backend exit): removes its queued
    /// request if any, then releases every lock it holds, running proc.c `ProcLockWakeup`
    /// on each object where that can wake someone.
    ///
    /// - Returns: the waiting sessions granted by the wakeups, in the order they were granted.
    public mutating func releaseAll(_ session: LockSessionID) -> [LockSessionID] {
        var granted = removeWaiter(session)
        for position in sessions[session.index].holds.indices {
            let hold = sessions[session.index].holds[position]
            let object = Int(hold.object)
            if !hold.fastPathModes.isEmpty { objects[object].removeFastPathHolder(Int32(session.index)) }
            objects[object].strongLockCount -= Int32(hold.modes.intersection(.strong).modes.count)
            if objects[object].release(hold.modes) {
                wakeWaiters(on: object, appendingTo: &granted)
            }
        }
        sessions[session.index].dropAllHolds()
        return granted
    }

    /// Takes the session's request out of its wait queue, as lock_timeout, statement_timeout
    /// or a cancel do (lock.c `RemoveFromWaitQueue`), then rescans that queue: later waiters
    /// blocked only by the departed request are granted. The session keeps its other locks.
    /// Does nothing if the session is not waiting.
    ///
    /// - Returns: the waiting sessions granted by the rescan, in order.
    public mutating func removeWaiter(_ session: LockSessionID) -> [LockSessionID] {
        var granted: [LockSessionID] = []
        guard let awaited = sessions[session.index].awaited else { return granted }
        sessions[session.index].awaited = nil
        if awaited.mode.isStrong { objects[Int(awaited.object)].strongLockCount -= 1 }
        objects[Int(awaited.object)].removeRequest(of: Int32(session.index))
        wakeWaiters(on: Int(awaited.object), appendingTo: &granted)
        return granted
    }

    // MARK: Replaying a server's lock table

    /// Records a lock the server reports as held, without checking conflicts: a live
    /// snapshot is the truth, and lock-group members (parallel query) may hold modes that
    /// conflict with each other. `fastPath` is `pg_locks.fastpath`.
    public mutating func recordHeld(_ session: LockSessionID, on object: LockObjectID, mode: LockMode, fastPath: Bool = false) {
        let objectIndex = Int32(object.index)
        guard !sessions[session.index].heldModes(on: objectIndex).contains(mode) else { return }
        if fastPath {
            sessions[session.index].recordFastPathGrant(mode, on: objectIndex)
            objects[object.index].addFastPathHolder(Int32(session.index))
            return
        }
        if mode.isStrong { objects[object.index].strongLockCount += 1 }
        objects[object.index].grant(mode)
        sessions[session.index].recordGrant(mode, on: objectIndex)
    }

    /// Queues a request the server reports as waiting, placing it where PostgreSQL's
    /// insertion rule would. If the rules would not have made it wait (the snapshot caught
    /// a moment the replay cannot reconstruct), it goes to the end of the queue.
    ///
    /// - Returns: whether the rules placed the request by themselves.
    @discardableResult
    public mutating func recordWaiting(_ session: LockSessionID, on object: LockObjectID, mode: LockMode) -> Bool {
        precondition(!isWaiting(session), "a session waits for one lock at a time")
        let objectIndex = Int32(object.index)
        let heldModes = sessions[session.index].sharedTableModes(on: objectIndex)
        var position = objects[object.index].queue.count
        var placedByRules = false
        if !sessions[session.index].heldModes(on: objectIndex).contains(mode),
           case .wait(let rulePosition) = objects[object.index].decide(
               mode, heldModes: heldModes, noWait: false, noWaitTriesQueueRule: noWaitTriesQueueRule) {
            position = rulePosition
            placedByRules = true
        }
        if mode.isStrong { objects[object.index].strongLockCount += 1 }
        let request = QueuedRequest(session: Int32(session.index), mode: mode, heldModes: heldModes)
        objects[object.index].enqueue(request, at: position)
        sessions[session.index].awaited = SessionLockState.Wait(object: objectIndex, mode: mode)
        return placedByRules
    }

    private mutating func wakeWaiters(on object: Int, appendingTo granted: inout [LockSessionID]) {
        let firstGranted = granted.count
        objects[object].wakeWaiters(appendingTo: &granted)
        for session in granted[firstGranted...] {
            sessions[session.index].receiveAwaitedLock()
        }
    }
}
