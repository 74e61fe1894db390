/// A statement that commits internally and, between its transactions, waits for other
/// transactions to end (indexcmds.c `DefineIndex` and `ReindexRelationConcurrently`,
/// index.c `index_drop`, tablecmds.c `ATExecDetachPartition`): what the
/// ``ConcurrentWaitPredictor`` predicts, phase by phase.
public struct ConcurrentStatement: Sendable, Equatable {
    /// Which statement, since each waits in its own phases.
    public enum Kind: String, Sendable, CaseIterable {
        /// `CREATE INDEX CONCURRENTLY`: writers twice, then old snapshots.
        case createIndex
        /// `REINDEX … CONCURRENTLY`: writers, old snapshots, then every locker of the table.
        case reindex
        /// `DROP INDEX CONCURRENTLY`: every locker of the table (no snapshot wait).
        case dropIndex
        /// `ALTER TABLE … DETACH PARTITION … CONCURRENTLY`: every locker of the partitioned
        /// table (no snapshot wait).
        case detachPartition
        /// `ALTER TABLE … DETACH PARTITION … FINALIZE`: old snapshots.
        case detachFinalize

        /// The phases it waits in, in order.
        public var phases: [ConcurrentWaitPhase] {
            switch self {
            case .createIndex: [.writersBeforeBuild, .oldSnapshots]
            case .reindex: [.writersBeforeBuild, .oldSnapshots, .readersBeforeMarkingDead]
            case .dropIndex, .detachPartition: [.lockersOfTable]
            case .detachFinalize: [.oldSnapshots]
            }
        }
    }

    /// A table whose lockers the statement waits for, as the catalog names it.
    public struct Table: Sendable, Equatable {
        /// Schema-qualified.
        public let name: String
        /// `pg_class.oid`.
        public let id: UInt32

        public init(name: String, id: UInt32) {
            self.name = name
            self.id = id
        }
    }

    public let kind: Kind
    /// The tables whose lockers it waits for: the indexed table (`CREATE INDEX`, `REINDEX`,
    /// `DROP INDEX`) or the partitioned table (`DETACH`). Empty when the catalog does not
    /// have it yet (an earlier statement of the migration creates it): nobody locks it then.
    public let tables: [Table]

    public init(kind: Kind, tables: [Table]) {
        self.kind = kind
        self.tables = tables
    }
}
