/// The input of `onlineddl simulate`: sessions' lock requests, commits and cancels, in order.
///
/// `{"pg_version": 17, "steps": [{"session":"s1","lock":"t1","mode":"RowExclusiveLock"}, …]}`;
/// `pg_version` is optional. Run it with ``run()``.
public struct LockScenario: Codable, Sendable, Equatable {
    /// The PostgreSQL major version to simulate; `nil` means ``defaultPostgresVersion``.
    public var postgresVersion: Int?
    /// The steps, in the order they happen.
    public var steps: [LockScenarioStep]

    /// The version simulated when `pg_version` is absent.
    public static let defaultPostgresVersion = 17
    /// The oldest version whose lock manager the simulator follows.
    public static let oldestSupportedPostgresVersion = 12

    enum CodingKeys: String, CodingKey {
        case postgresVersion = "pg_version"
        case steps
    }

    /// Creates a scenario.
    public init(postgresVersion: Int? = nil, steps: [LockScenarioStep]) {
        self.postgresVersion = postgresVersion
        self.steps = steps
    }

    /// The validated actions of all steps, or the first step error.
    public func actions() throws(LockScenarioError) -> [LockScenarioAction] {
        var actions: [LockScenarioAction] = []
        for (offset, step) in steps.enumerated() {
            actions.append(try step.action(stepNumber: offset + 1))
        }
        return actions
    }
}
