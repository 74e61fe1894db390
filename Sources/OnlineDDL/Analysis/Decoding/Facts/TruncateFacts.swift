/// A `TRUNCATE` statement.
public struct TruncateFacts: Hashable, Sendable {
    /// The tables, in the order written.
    public let tables: [TableReference]
    /// Whether `CASCADE` was written (tables referencing these are truncated too).
    public let cascade: Bool
    /// Whether `RESTART IDENTITY` was written.
    public let restartIdentity: Bool

    /// Creates a `TRUNCATE` description.
    public init(tables: [TableReference], cascade: Bool, restartIdentity: Bool) {
        self.tables = tables
        self.cascade = cascade
        self.restartIdentity = restartIdentity
    }
}
