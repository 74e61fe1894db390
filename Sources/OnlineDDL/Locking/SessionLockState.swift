/// One session's side of the lock table: its holds per object (PROCLOCK `holdMask`) and the
/// one request it may be sleeping on.
struct SessionLockState: Sendable {
    /// Modes held on one object: in the shared lock table (`PROCLOCK.holdMask`), and in
    /// the backend's fast-path slots (weak relation locks that the shared table does not
    /// show until a strong request transfers them).
    struct Hold: Sendable {
        let object: Int32
        var modes: LockModeSet
        var fastPathModes: LockModeSet = []

        var allModes: LockModeSet { modes.union(fastPathModes) }
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

    /// Every mode held on `object`, in the shared table or the fast path (empty if none).
    func heldModes(on object: Int32) -> LockModeSet {
        for hold in holds where hold.object == object {
            return hold.allModes
        }
        return []
    }

    /// The modes the shared lock table records for `object` (`PROCLOCK.holdMask`), which is
    /// what the queue-insertion rule sees.
    func sharedTableModes(on object: Int32) -> LockModeSet {
        for hold in holds where hold.object == object {
            return hold.modes
        }
        return []
    }

    /// The modes held on `object` through the fast path only.
    func fastPathOnlyModes(on object: Int32) -> LockModeSet {
        for hold in holds where hold.object == object {
            return hold.fastPathModes.subtracting(hold.modes)
        }
        return []
    }

    /// How many fast-path slots are in use: one per object with fast-path modes.
    private(set) var fastPathSlotsInUse = 0

    /// Whether a weak lock on `object` can go to the fast path: the object already has a
    /// slot, or a slot is free.
    func hasFastPathSlot(for object: Int32, slots: Int) -> Bool {
        fastPathSlotsInUse < slots || holds.contains { $0.object == object && !$0.fastPathModes.isEmpty }
    }

    /// Records a weak lock granted through the fast path (lock.c `FastPathGrantRelationLock`).
    mutating func recordFastPathGrant(_ mode: LockMode, on object: Int32) {
        if let position = holds.firstIndex(where: { $0.object == object }) {
            if holds[position].fastPathModes.isEmpty { fastPathSlotsInUse += 1 }
            holds[position].fastPathModes.insert(mode)
        } else {
            fastPathSlotsInUse += 1
            holds.append(Hold(object: object, modes: [], fastPathModes: LockModeSet(mode)))
        }
    }

    /// Moves the fast-path modes on `object` into the shared table, as
    /// `FastPathTransferRelationLocks` does when another session asks for a strong lock.
    /// - Returns: the modes moved.
    mutating func transferFastPathModes(on object: Int32) -> LockModeSet {
        guard let position = holds.firstIndex(where: { $0.object == object }),
              !holds[position].fastPathModes.isEmpty else { return [] }
        fastPathSlotsInUse -= 1
        let moved = holds[position].fastPathModes.subtracting(holds[position].modes)
        holds[position].modes.formUnion(holds[position].fastPathModes)
        holds[position].fastPathModes = []
        return moved
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
        fastPathSlotsInUse = 0
    }
}
