/// The shared lock state of one object: lock.c's `LOCK` with its granted counts,
/// `grantMask`, `waitMask` and ordered `waitProcs` queue.
struct ObjectLockState: Sendable {
    /// `granted[m]`: how many sessions hold mode m, at index `m - 1`.
    private var grantedCounts = SIMD8<Int32>()
    /// `requested[m] - granted[m]`: how many sessions wait for mode m, at index `m - 1`.
    private var waitingCounts = SIMD8<Int32>()
    /// `grantMask`: modes held by at least one session.
    private(set) var grantedModes: LockModeSet = []
    /// `waitMask`: modes at least one queued session waits for.
    private(set) var awaitedModes: LockModeSet = []
    /// `waitProcs`, front first.
    private(set) var queue: [QueuedRequest] = []
    /// Strong (Share and stronger) locks held or awaited: lock.c's
    /// `FastPathStrongRelationLocks` count, kept per object (the server keeps it per hash
    /// partition, so a rare collision can also disable the fast path).
    var strongLockCount: Int32 = 0
    /// Sessions holding fast-path modes on this object, in the order they took them.
    private(set) var fastPathHolders: [Int32] = []

    mutating func addFastPathHolder(_ session: Int32) {
        if !fastPathHolders.contains(session) { fastPathHolders.append(session) }
    }

    mutating func removeFastPathHolder(_ session: Int32) {
        fastPathHolders.removeAll { $0 == session }
    }

    /// Empties the holder list; the caller moves their modes into the shared table.
    mutating func takeFastPathHolders() -> [Int32] {
        defer { fastPathHolders = [] }
        return fastPathHolders
    }

    /// lock.c `LockCheckConflicts`: whether `mode` conflicts with modes granted to other
    /// sessions. A session's own holds (`heldModes`) never conflict with its request.
    func conflictsWithGranted(_ mode: LockMode, heldModes: LockModeSet) -> Bool {
        let conflicting = mode.conflictingModes.intersection(grantedModes)
        if conflicting.isEmpty { return false }
        if !conflicting.isSubset(of: heldModes) { return true }
        for modeNumber in 1...8 where conflicting.rawValue & (1 << modeNumber) != 0 {
            if grantedCounts[modeNumber - 1] > 1 { return true }
        }
        return false
    }

    /// The acquisition rule of lock.c `LockAcquireExtended` for a session that does not
    /// already hold `mode` here.
    ///
    /// A request that conflicts with `waitMask` or with granted modes goes through the wait
    /// queue rule. A NOWAIT request fails before that rule unless `noWaitTriesQueueRule`
    /// (PostgreSQL 17 and later).
    func decide(
        _ mode: LockMode, heldModes: LockModeSet, noWait: Bool, noWaitTriesQueueRule: Bool
    ) -> AcquireDecision {
        let mustQueue = mode.conflictingModes.intersects(awaitedModes)
            || conflictsWithGranted(mode, heldModes: heldModes)
        if !mustQueue { return .grant }
        if noWait && !noWaitTriesQueueRule { return .notAvailable }
        return queueDecision(mode, heldModes: heldModes, noWait: noWait)
    }

    /// proc.c `JoinWaitQueue` (`ProcSleep` before PostgreSQL 18).
    ///
    /// A session holding nothing here queues at the tail. One that holds modes looks for the
    /// first waiter that must wait for it: if it must also wait for that waiter, that is an
    /// early deadlock; if nothing granted or queued ahead of that waiter conflicts, it is
    /// granted at once; otherwise it queues just ahead of that waiter.
    private func queueDecision(_ mode: LockMode, heldModes: LockModeSet, noWait: Bool) -> AcquireDecision {
        var position = queue.count
        if !heldModes.isEmpty {
            let conflicts = mode.conflictingModes
            var aheadModes: LockModeSet = []
            for (index, waiter) in queue.enumerated() {
                if waiter.mode.conflictingModes.intersects(heldModes) {
                    if conflicts.intersects(waiter.heldModes) {
                        return noWait ? .notAvailable : .deadlock
                    }
                    if !conflicts.intersects(aheadModes) && !conflictsWithGranted(mode, heldModes: heldModes) {
                        return .grant
                    }
                    position = index
                    break
                }
                aheadModes.insert(waiter.mode)
            }
        }
        return noWait ? .notAvailable : .wait(queuePosition: position)
    }

    /// lock.c `GrantLock` for a session that did not hold `mode`.
    mutating func grant(_ mode: LockMode) {
        grantedCounts[Int(mode.rawValue) - 1] += 1
        grantedModes.insert(mode)
    }

    /// lock.c `UnGrantLock` for every mode of one session's hold; returns whether a wakeup
    /// scan is needed (a released mode conflicts with `waitMask`).
    mutating func release(_ modes: LockModeSet) -> Bool {
        for modeNumber in 1...8 where modes.rawValue & (1 << modeNumber) != 0 {
            grantedCounts[modeNumber - 1] -= 1
            if grantedCounts[modeNumber - 1] == 0 {
                grantedModes.remove(LockMode(rawValue: UInt8(modeNumber))!)
            }
        }
        return modes.conflictingModes.intersects(awaitedModes)
    }

    /// Puts a request to sleep at `position` and sets its `waitMask` bit.
    mutating func enqueue(_ request: QueuedRequest, at position: Int) {
        queue.insert(request, at: position)
        waitingCounts[Int(request.mode.rawValue) - 1] += 1
        awaitedModes.insert(request.mode)
    }

    /// lock.c `RemoveFromWaitQueue` without the wakeup: dequeues the session's request.
    mutating func removeRequest(of session: Int32) {
        guard let position = queue.firstIndex(where: { $0.session == session }) else { return }
        stopWaiting(for: queue.remove(at: position).mode)
    }

    /// proc.c `ProcLockWakeup`: grants, in queue order, every waiter whose mode conflicts
    /// neither with modes granted (including grants made earlier in this scan) nor with
    /// requests of waiters that stay asleep ahead of it. Appends the granted sessions.
    mutating func wakeWaiters(appendingTo granted: inout [LockSessionID]) {
        var aheadModes: LockModeSet = []
        var keptCount = 0
        for position in queue.indices {
            let waiter = queue[position]
            if !waiter.mode.conflictingModes.intersects(aheadModes)
                && !conflictsWithGranted(waiter.mode, heldModes: waiter.heldModes) {
                grant(waiter.mode)
                stopWaiting(for: waiter.mode)
                granted.append(LockSessionID(index: Int(waiter.session)))
            } else {
                aheadModes.insert(waiter.mode)
                queue[keptCount] = waiter
                keptCount += 1
            }
        }
        queue.removeSubrange(keptCount...)
    }

    private mutating func stopWaiting(for mode: LockMode) {
        waitingCounts[Int(mode.rawValue) - 1] -= 1
        if waitingCounts[Int(mode.rawValue) - 1] == 0 {
            awaitedModes.remove(mode)
        }
    }
}
