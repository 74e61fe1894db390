/// One sleeping request in an object's wait queue: a PGPROC on `LOCK.waitProcs`.
struct QueuedRequest: Sendable {
    /// Index of the waiting session.
    let session: Int32
    /// The requested mode (`PGPROC.waitLockMode`).
    let mode: LockMode
    /// The modes the session held on the object when it queued (`PGPROC.heldLocks`).
    /// A sleeping session acquires nothing else, so this stays its current hold.
    let heldModes: LockModeSet
}
