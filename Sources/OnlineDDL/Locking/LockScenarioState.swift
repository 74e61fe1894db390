/// The lock table after one scenario step, and the requests that failed at that step.
public struct LockScenarioState: Codable, Sendable, Equatable {
    /// Every held and awaited lock, in ``LockSimulator/locks()`` order, where sessions and
    /// objects are ordered by the first step that names them.
    public var locks: [LockRow]
    /// SQLSTATE of each session whose request failed at this step: 40P01 (early deadlock),
    /// 55P03 (NOWAIT), 57014 (cancelled wait), 25P02 (statement in an aborted transaction).
    public var errors: [String: String]

    /// Creates a state.
    public init(locks: [LockRow], errors: [String: String] = [:]) {
        self.locks = locks
        self.errors = errors
    }
}
