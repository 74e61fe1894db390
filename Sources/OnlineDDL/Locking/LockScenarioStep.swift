/// One step of a ``LockScenario`` as written in JSON: a lock request, a COMMIT, or a cancel.
///
/// `{"session":"s1","lock":"t1","mode":"RowExclusiveLock"}` (optionally `"nowait":true`),
/// `{"session":"s1","release":true}`, `{"session":"s2","cancel":true}`.
/// ``action(stepNumber:)`` checks that exactly one of these forms is used.
public struct LockScenarioStep: Codable, Sendable, Equatable {
    /// The session taking the step.
    public var session: String
    /// The object to lock, for a lock step.
    public var lock: String?
    /// The `pg_locks` mode name, for a lock step.
    public var mode: String?
    /// Whether the lock step uses NOWAIT.
    public var noWait: Bool?
    /// `true` for a COMMIT step.
    public var release: Bool?
    /// `true` for a cancel step (`pg_cancel_backend` of a waiting session).
    public var cancel: Bool?

    enum CodingKeys: String, CodingKey {
        case session, lock, mode, release, cancel
        case noWait = "nowait"
    }

    /// Creates a step; pass the fields of exactly one step form.
    public init(
        session: String, lock: String? = nil, mode: String? = nil, noWait: Bool? = nil,
        release: Bool? = nil, cancel: Bool? = nil
    ) {
        self.session = session
        self.lock = lock
        self.mode = mode
        self.noWait = noWait
        self.release = release
        self.cancel = cancel
    }

    /// The validated action of this step; `stepNumber` (1-based) labels errors.
    public func action(stepNumber: Int) throws(LockScenarioError) -> LockScenarioAction {
        let isRelease = release == true
        let isCancel = cancel == true
        switch (lock, isRelease, isCancel) {
        case (nil, false, false):
            throw .missingAction(step: stepNumber)
        case (let object?, false, false):
            guard let mode else { throw .missingMode(step: stepNumber) }
            guard let lockMode = LockMode(pgLocksName: mode) else {
                throw .unknownMode(step: stepNumber, name: mode)
            }
            return .lock(session: session, object: object, mode: lockMode, noWait: noWait ?? false)
        case (nil, true, false), (nil, false, true):
            if mode != nil { throw .fieldNotAllowed(step: stepNumber, field: "mode") }
            if noWait != nil { throw .fieldNotAllowed(step: stepNumber, field: "nowait") }
            return isRelease ? .release(session: session) : .cancel(session: session)
        default:
            throw .conflictingActions(step: stepNumber)
        }
    }
}
