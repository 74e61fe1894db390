import OnlineDDLLocking

/// A `LOCK TABLE` statement.
public struct LockTableFacts: Hashable, Sendable {
    /// The tables, in the order written (and locked).
    public let tables: [TableReference]
    /// The requested mode (`ACCESS EXCLUSIVE` when no `IN … MODE` is written).
    public let mode: LockMode
    /// Whether `NOWAIT` was written.
    public let noWait: Bool

    /// Creates a `LOCK TABLE` description.
    public init(tables: [TableReference], mode: LockMode, noWait: Bool) {
        self.tables = tables
        self.mode = mode
        self.noWait = noWait
    }
}
