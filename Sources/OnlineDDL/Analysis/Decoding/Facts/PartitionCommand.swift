import OnlineDDLParsing

/// The partition named by `ATTACH PARTITION` or `DETACH PARTITION`.
public struct PartitionCommand: Hashable, Sendable {
    /// The partition.
    public let partition: RelationName
    /// Whether `CONCURRENTLY` was written (`DETACH`, PostgreSQL 14+).
    public let concurrent: Bool
    /// Whether this is `DETACH … FINALIZE` (PostgreSQL 14+).
    public let finalize: Bool

    /// Creates a partition-command description.
    public init(partition: RelationName, concurrent: Bool, finalize: Bool) {
        self.partition = partition
        self.concurrent = concurrent
        self.finalize = finalize
    }
}
