/// One session's side of the lock table: its holds per object (PROCLOCK `holdMask`) and the
/// one request it may be sleeping on.
struct SessionLockState: Sendable {
    /// Modes held on one object.
    struct Hold: Sendable {
        let object: Int32
        var modes: LockModeSet
    }

    /// A request the session sleeps on.
    struct Wait: Sendable {
        let object: Int32
        let mode: LockMode
    }

    /// Holds in the order the session first locked each object.
    private(set) var holds: [Hold] = []
    /// The request the session sleeps on, if any.
    var awaited: Wait?

    /// The modes held on `object` (empty if none).
    func heldModes(on object: Int32) -> LockModeSet {
        for hold in holds where hold.object == object {
            return hold.modes
        }
        return []
    }

    /// Records that `mode` was granted on `object`.
    mutating func recordGrant(_ mode: LockMode, on object: Int32) {
        if let position = holds.firstIndex(where: { $0.object == object }) {
            holds[position].modes.insert(mode)
        } else {
            holds.append(Hold(object: object, modes: LockModeSet(mode)))
        }
    }

    /// Records that the awaited request was granted by a wakeup.
    mutating func receiveAwaitedLock() {
        guard let awaited else { return }
        recordGrant(awaited.mode, on: awaited.object)
        self.awaited = nil
    }

    /// Forgets every hold, keeping the storage for the next transaction.
    mutating func dropAllHolds() {
        holds.removeAll(keepingCapacity: true)
    }
}
