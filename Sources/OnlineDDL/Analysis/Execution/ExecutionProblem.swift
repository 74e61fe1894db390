import OnlineDDLParsing

/// Why a file's statements cannot be split into units that PostgreSQL would run: a
/// transaction block that is not closed, not opened, nested, or holds a statement that
/// cannot run inside one.
public struct ExecutionProblem: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `BEGIN` without its `COMMIT` before the end of the file.
        case unterminatedBlock
        /// `BEGIN` inside the block opened at statement `outer`.
        case nestedBegin(outer: Int)
        /// `COMMIT` or `END` with no block open.
        case commitWithoutBegin
        /// `COMMIT AND CHAIN`: it opens a block without a `BEGIN`.
        case commitAndChain
        /// `SAVEPOINT`, `RELEASE` or `ROLLBACK TO` outside a block.
        case savepointOutsideBlock
        /// `ROLLBACK` or `ABORT`: it discards what the block did.
        case rollback
        /// `PREPARE TRANSACTION`, `COMMIT PREPARED` or `ROLLBACK PREPARED`.
        case preparedTransaction
        /// A statement that cannot run in a transaction block (`CREATE INDEX CONCURRENTLY`,
        /// `VACUUM`, `REINDEX` of a partitioned table, …) inside the block opened at `begin`.
        case cannotRunInBlock(begin: Int)
    }

    public let kind: Kind
    /// The 0-based index of the statement at fault.
    public let statement: Int
    /// Where that statement starts.
    public let location: SourceLocation
    /// What is wrong and what to do, without the position.
    public let message: String
}
