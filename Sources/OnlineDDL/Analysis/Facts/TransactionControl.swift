/// A transaction-control statement: no locks, but a runner must see it.
public enum TransactionControl: Hashable, Sendable {
    /// `BEGIN` or `START TRANSACTION`.
    case begin
    /// `COMMIT` or `END`.
    case commit
    /// `ROLLBACK` or `ABORT`.
    case rollback
    /// `SAVEPOINT name`.
    case savepoint(String)
    /// `RELEASE [SAVEPOINT] name`.
    case releaseSavepoint(String)
    /// `ROLLBACK TO [SAVEPOINT] name`.
    case rollbackToSavepoint(String)
    /// `PREPARE TRANSACTION 'gid'`.
    case prepareTransaction(String)
    /// `COMMIT PREPARED 'gid'`.
    case commitPrepared(String)
    /// `ROLLBACK PREPARED 'gid'`.
    case rollbackPrepared(String)
}
