/// The waits-for graph of deadlock.c.
extension LockSimulator {
    /// Looks for a waits-for cycle through `session`, as the deadlock detector does when the
    /// session has waited `deadlock_timeout`. It only reports: to make the session the
    /// victim, call ``releaseAll(session:)``, which dequeues its request and then releases
    /// its locks, as the 40P01 error and the abort that follows do.
    ///
    /// Edges go from a waiting session to every other session holding a mode that conflicts
    /// with its request (hard), and to every session queued ahead of it on the same object
    /// whose requested mode conflicts (soft), as in deadlock.c `FindLockCycleRecurseMember`.
    /// Only a cycle back to `session` counts, as in `FindLockCycle`.
    public func checkDeadlock(for session: String) -> LockDeadlockCheck {
        guard let start = sessionIndexByName[session], sessions[start].awaited != nil else { return .noDeadlock }
        let holders = holdersByObject()
        if let cycle = waitsForCycle(from: start, holders: holders, includingSoftEdges: false) {
            return .hardDeadlock(cycle: cycle.map { sessionNames[$0] })
        }
        if let cycle = waitsForCycle(from: start, holders: holders, includingSoftEdges: true) {
            return .softCycle(cycle: cycle.map { sessionNames[$0] })
        }
        return .noDeadlock
    }

    /// A depth-first search for a path from `start` back to `start`; returns the sessions on
    /// it, starting with `start`.
    private func waitsForCycle(from start: Int, holders: [[Holder]], includingSoftEdges: Bool) -> [Int]? {
        var visited = [Bool](repeating: false, count: sessions.count)
        var path = [start]
        visited[start] = true

        func reachesStart(from session: Int) -> Bool {
            for next in waitsFor(session, holders: holders, includingSoftEdges: includingSoftEdges) {
                if next == start { return true }
                if visited[next] { continue }
                visited[next] = true
                path.append(next)
                if reachesStart(from: next) { return true }
                path.removeLast()
            }
            return false
        }

        return reachesStart(from: start) ? path : nil
    }

    /// The sessions a session waits for: hard edges first (session order), then soft edges
    /// (queue order). Empty for a session that is not waiting.
    private func waitsFor(_ session: Int, holders: [[Holder]], includingSoftEdges: Bool) -> [Int] {
        guard let awaited = sessions[session].awaited else { return [] }
        let conflicts = awaited.mode.conflictingModes
        let object = Int(awaited.object)
        var targets = holders[object]
            .filter { $0.session != session && $0.modes.intersects(conflicts) }
            .map(\.session)
        if includingSoftEdges {
            for request in objects[object].queue {
                if request.session == Int32(session) { break }
                if conflicts.contains(request.mode) { targets.append(Int(request.session)) }
            }
        }
        return targets
    }
}
