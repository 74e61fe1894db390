/// Read-only views of the lock table.
extension LockSimulator {
    /// Every held and awaited lock, in a deterministic order: objects in first-seen order;
    /// per object, held locks by session first-seen order then mode number, then queued
    /// requests in queue order.
    public func locks() -> [LockRow] {
        let holders = holdersByObject()
        var rows: [LockRow] = []
        for (objectIndex, object) in objects.enumerated() {
            let objectName = objectNames[objectIndex]
            for holder in holders[objectIndex] {
                for mode in holder.modes.modes {
                    rows.append(LockRow(
                        session: sessionNames[holder.session], object: objectName, mode: mode, granted: true))
                }
            }
            for request in object.queue {
                rows.append(LockRow(
                    session: sessionNames[Int(request.session)], object: objectName, mode: request.mode,
                    granted: false))
            }
        }
        return rows
    }

    /// The object's wait queue, front first (empty for an unknown object).
    public func waitQueue(of object: String) -> [LockWaiter] {
        guard let index = objectIndexByName[object] else { return [] }
        return objects[index].queue.map { LockWaiter(session: sessionNames[Int($0.session)], mode: $0.mode) }
    }

    /// The request the session sleeps on, or `nil` if it is not waiting.
    public func awaitedLock(of session: String) -> LockRequest? {
        guard let index = sessionIndexByName[session], let awaited = sessions[index].awaited else { return nil }
        return LockRequest(object: objectNames[Int(awaited.object)], mode: awaited.mode)
    }

    /// The modes the session holds on the object.
    public func heldModes(of session: String, on object: String) -> LockModeSet {
        guard let sessionIndex = sessionIndexByName[session], let objectIndex = objectIndexByName[object] else {
            return []
        }
        return sessions[sessionIndex].heldModes(on: Int32(objectIndex))
    }

    /// Who the session waits for, as `pg_blocking_pids()` reports it, or `nil` if it is not
    /// waiting.
    public func blockers(of session: String) -> LockBlockers? {
        guard let index = sessionIndexByName[session], sessions[index].awaited != nil else { return nil }
        return blockers(ofWaiting: index)
    }

    /// A session's modes on one object.
    struct Holder {
        let session: Int
        let modes: LockModeSet
    }

    /// For each object, its holders in session first-seen order.
    func holdersByObject() -> [[Holder]] {
        var holders = [[Holder]](repeating: [], count: objects.count)
        for (sessionIndex, session) in sessions.enumerated() {
            for hold in session.holds {
                holders[Int(hold.object)].append(Holder(session: sessionIndex, modes: hold.allModes))
            }
        }
        return holders
    }

    /// The blockers of a sleeping session.
    ///
    /// - Precondition: the session is waiting (so it is in its object's queue).
    func blockers(ofWaiting session: Int) -> LockBlockers {
        let awaited = sessions[session].awaited!
        let object = Int(awaited.object)
        let position = objects[object].queue.firstIndex { $0.session == Int32(session) }!
        return blockers(of: awaited.mode, on: object, requestedBy: session, queuePosition: position)
    }

    /// Names of the sessions a request for `mode` on `object` by `requester` would wait for
    /// if it sat at `queuePosition`: holders of conflicting modes, then conflicting waiters
    /// ahead of that position that are not holders already.
    func blockers(
        of mode: LockMode, on object: Int, requestedBy requester: Int?, queuePosition: Int
    ) -> LockBlockers {
        let conflicts = mode.conflictingModes
        var hard: [Int] = []
        for (sessionIndex, session) in sessions.enumerated() where sessionIndex != requester {
            if session.heldModes(on: Int32(object)).intersects(conflicts) {
                hard.append(sessionIndex)
            }
        }
        var soft: [Int] = []
        for request in objects[object].queue[..<queuePosition] where conflicts.contains(request.mode) {
            let sessionIndex = Int(request.session)
            if !hard.contains(sessionIndex) { soft.append(sessionIndex) }
        }
        return LockBlockers(hard: hard.map { sessionNames[$0] }, soft: soft.map { sessionNames[$0] })
    }
}
