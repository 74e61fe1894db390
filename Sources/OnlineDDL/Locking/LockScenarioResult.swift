import Foundation

/// The output of `onlineddl simulate`: `{"states":[…]}`, one state per input step.
public struct LockScenarioResult: Codable, Sendable, Equatable {
    /// The state after each step, in step order.
    public var states: [LockScenarioState]

    /// Creates a result.
    public init(states: [LockScenarioState]) {
        self.states = states
    }

    /// Compact JSON with keys sorted, so equal results give identical text.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder.contract()
        return try encoder.encode(self)
    }
}
