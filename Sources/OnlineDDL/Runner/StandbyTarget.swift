import OnlineDDLPostgres

/// A hot standby the gate checks, and whether the run may go on without it.
public struct StandbyTarget: Sendable {
    public let connectionString: ConnectionString
    /// Whether an unreachable standby is left out (reported) rather than an error
    /// (`--standby-optional`, `optional_standbys`).
    public let isOptional: Bool

    public init(_ connectionString: ConnectionString, isOptional: Bool = false) {
        self.connectionString = connectionString
        self.isOptional = isOptional
    }

    /// The standby as reports name it: its connection string without any password.
    public var name: String { connectionString.redacted }
}
