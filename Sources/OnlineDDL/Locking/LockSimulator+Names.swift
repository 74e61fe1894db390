/// Requests made with session and object names instead of interned IDs.
extension LockSimulator {
    /// Requests `mode` on `object` for `session`, registering unknown names, and reports the
    /// blockers if the request has to sleep. See ``acquire(_:on:mode:noWait:)``.
    ///
    /// - Precondition: the session is not waiting.
    public mutating func acquire(
        session: String, object: String, mode: LockMode, noWait: Bool = false
    ) -> LockOutcome {
        let sessionID = sessionID(for: session)
        switch acquire(sessionID, on: objectID(for: object), mode: mode, noWait: noWait) {
        case .granted:
            return .granted
        case .waiting:
            let blockers = blockers(ofWaiting: sessionID.index)
            return .waiting(hardBlockers: blockers.hard, softBlockers: blockers.soft)
        case .deadlock:
            return .deadlock
        case .notAvailable:
            return .notAvailable
        }
    }

    /// Ends the session's transaction, like the ``LockSessionID`` variant.
    /// An unknown session holds nothing, so nothing happens.
    ///
    /// - Returns: the names of the waiting sessions granted, in order.
    public mutating func releaseAll(session: String) -> [String] {
        guard let index = sessionIndexByName[session] else { return [] }
        return releaseAll(LockSessionID(index: index)).map { sessionNames[$0.index] }
    }

    /// Takes the session's request out of its wait queue, like the ``LockSessionID`` variant.
    ///
    /// - Returns: the names of the waiting sessions granted, in order.
    public mutating func removeWaiter(session: String) -> [String] {
        guard let index = sessionIndexByName[session] else { return [] }
        return removeWaiter(LockSessionID(index: index)).map { sessionNames[$0.index] }
    }
}
