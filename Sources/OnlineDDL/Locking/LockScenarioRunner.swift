import OnlineDDLSupport

/// Replays scenario actions on a ``LockSimulator`` with PostgreSQL's transaction rules: a
/// session whose request fails is aborted, which releases its locks at once; its later lock
/// steps fail with 25P02 until its release step ends the transaction.
struct LockScenarioRunner {
    private var simulator: LockSimulator
    private var abortedSessions: Set<LockSessionID> = []

    init(postgresVersion: Int) {
        simulator = LockSimulator(postgresVersion: postgresVersion)
    }

    /// Performs one action and returns the lock table after it.
    mutating func perform(_ action: LockScenarioAction, stepNumber: Int) throws(LockScenarioError) -> LockScenarioState {
        let session = simulator.sessionID(for: action.session)
        var failure: SQLState?
        switch action {
        case .lock(_, let object, let mode, let noWait):
            if simulator.isWaiting(session) { throw .sessionIsWaiting(step: stepNumber, session: action.session) }
            failure = request(mode, on: simulator.objectID(for: object), by: session, noWait: noWait)
        case .release:
            if simulator.isWaiting(session) { throw .sessionIsWaiting(step: stepNumber, session: action.session) }
            _ = simulator.releaseAll(session)
            abortedSessions.remove(session)
        case .cancel:
            if !simulator.isWaiting(session) { throw .sessionNotWaiting(step: stepNumber, session: action.session) }
            failure = .queryCanceled
            abort(session)
        }
        return LockScenarioState(
            locks: simulator.locks(),
            errors: failure.map { [action.session: $0.rawValue] } ?? [:])
    }

    /// Makes the request and returns the error it raises, aborting the session on failure.
    private mutating func request(
        _ mode: LockMode, on object: LockObjectID, by session: LockSessionID, noWait: Bool
    ) -> SQLState? {
        if abortedSessions.contains(session) { return .inFailedSQLTransaction }
        switch simulator.acquire(session, on: object, mode: mode, noWait: noWait) {
        case .granted, .waiting:
            return nil
        case .deadlock:
            abort(session)
            return .deadlockDetected
        case .notAvailable:
            abort(session)
            return .lockNotAvailable
        }
    }

    /// The failed statement aborts the transaction: its wait ends and its locks are released.
    private mutating func abort(_ session: LockSessionID) {
        _ = simulator.releaseAll(session)
        abortedSessions.insert(session)
    }
}

extension LockScenario {
    /// Runs the scenario: validates every step, then performs them in order.
    ///
    /// - Returns: exactly one state per step.
    /// - Throws: the first invalid step, including a lock or release step by a waiting
    ///   session and a cancel of a session that is not waiting.
    public func run() throws(LockScenarioError) -> LockScenarioResult {
        let version = postgresVersion ?? Self.defaultPostgresVersion
        guard version >= Self.oldestSupportedPostgresVersion else { throw .unsupportedPostgresVersion(version) }
        var runner = LockScenarioRunner(postgresVersion: version)
        var states: [LockScenarioState] = []
        for (offset, action) in try actions().enumerated() {
            states.append(try runner.perform(action, stepNumber: offset + 1))
        }
        return LockScenarioResult(states: states)
    }
}
