/// What-if questions answered without changing the lock table.
extension LockSimulator {
    /// Predicts a request for `mode` on `object` by `session` (names not seen yet are
    /// treated as holding nothing and as an unlocked object).
    ///
    /// The answer is what ``acquire(session:object:mode:noWait:)`` would return now, which
    /// waiters would then be stuck behind the request, and which modes a newcomer would
    /// newly be blocked in. A request that fails (early deadlock, NOWAIT) changes nothing,
    /// so it blocks no one.
    ///
    /// - Precondition: the session is not waiting.
    public func predict(session: String, object: String, mode: LockMode, noWait: Bool = false) -> LockPrediction {
        let sessionIndex = sessionIndexByName[session]
        let objectIndex = objectIndexByName[object]
        if let sessionIndex {
            precondition(sessions[sessionIndex].awaited == nil, "a waiting session cannot request another lock")
        }
        guard let objectIndex else {
            return LockPrediction(outcome: .granted, stuckWaiters: [], newlyBlockedModes: mode.conflictingModes)
        }
        var state = objects[objectIndex]
        let object = Int32(objectIndex)
        if let sessionIndex, sessions[sessionIndex].heldModes(on: object).contains(mode) {
            return LockPrediction(outcome: .granted, stuckWaiters: [], newlyBlockedModes: [])
        }
        var heldModes = sessionIndex.map { sessions[$0].sharedTableModes(on: object) } ?? []
        let fastPathSlotFree = sessionIndex.map {
            sessions[$0].hasFastPathSlot(for: object, slots: fastPathSlotsPerSession)
        } ?? true
        let fastPathModes = state.fastPathHolders.reduce(into: LockModeSet()) {
            $0.formUnion(sessions[Int($1)].fastPathOnlyModes(on: object))
        }
        let blockedNow = state.grantedModes.union(fastPathModes).union(state.awaitedModes).conflictingModes
        let newlyBlocked = mode.conflictingModes.subtracting(blockedNow)
        if mode.usesFastPath && state.strongLockCount == 0 && fastPathSlotFree {
            // No strong lock is held or awaited, so nothing conflicts with a weak mode.
            return LockPrediction(outcome: .granted, stuckWaiters: [], newlyBlockedModes: newlyBlocked)
        }
        if mode.isStrong {
            // As `transferFastPathLocks` would do first: the fast-path locks become visible.
            for holder in state.fastPathHolders {
                let moved = sessions[Int(holder)].fastPathOnlyModes(on: object)
                for movedMode in moved.modes { state.grant(movedMode) }
                if Int(holder) == sessionIndex { heldModes.formUnion(moved) }
            }
        }
        switch state.decide(mode, heldModes: heldModes, noWait: noWait, noWaitTriesQueueRule: noWaitTriesQueueRule) {
        case .grant:
            let stuck = conflictingWaiters(of: mode, in: state.queue[...])
            return LockPrediction(outcome: .granted, stuckWaiters: stuck, newlyBlockedModes: newlyBlocked)
        case .wait(let position):
            let blockers = blockers(of: mode, on: objectIndex, requestedBy: sessionIndex, queuePosition: position)
            let stuck = conflictingWaiters(of: mode, in: state.queue[position...])
            return LockPrediction(
                outcome: .waiting(hardBlockers: blockers.hard, softBlockers: blockers.soft),
                stuckWaiters: stuck, newlyBlockedModes: newlyBlocked)
        case .deadlock:
            return LockPrediction(outcome: .deadlock, stuckWaiters: [], newlyBlockedModes: [])
        case .notAvailable:
            return LockPrediction(outcome: .notAvailable, stuckWaiters: [], newlyBlockedModes: [])
        }
    }

    private func conflictingWaiters(of mode: LockMode, in queue: ArraySlice<QueuedRequest>) -> [String] {
        queue.filter { mode.conflicts(with: $0.mode) }.map { sessionNames[Int($0.session)] }
    }
}
