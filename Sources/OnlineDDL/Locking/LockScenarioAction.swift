/// A validated step of a ``LockScenario``.
public enum LockScenarioAction: Sendable, Equatable {
    /// The session requests `mode` on `object`, optionally with NOWAIT.
    case lock(session: String, object: String, mode: LockMode, noWait: Bool)
    /// The session commits (or rolls back its aborted transaction), releasing all its locks.
    case release(session: String)
    /// `pg_cancel_backend` on a waiting session: its request fails with 57014 and its
    /// transaction aborts.
    case cancel(session: String)

    /// The session taking the step.
    public var session: String {
        switch self {
        case .lock(let session, _, _, _), .release(let session), .cancel(let session): session
        }
    }
}
