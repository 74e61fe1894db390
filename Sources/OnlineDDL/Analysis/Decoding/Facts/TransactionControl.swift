import OnlineDDLParsing

/// A transaction-control statement: no locks, but a runner must see it.
public enum TransactionControl: Hashable, Sendable {
    /// `BEGIN` or `START TRANSACTION`.
    case begin
    /// `COMMIT` or `END`.
    case commit
    /// `COMMIT AND CHAIN`: commits and opens a new block at once.
    case commitAndChain
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

    /// Decodes a `TransactionStmt` parse node's body; nil for a kind PostgreSQL does not have.
    init?(transactionStatement body: ParseNode) {
        let savepoint = body["savepoint_name"]?.stringValue ?? ""
        let gid = body["gid"]?.stringValue ?? ""
        switch body["kind"]?.stringValue {
        case "TRANS_STMT_BEGIN", "TRANS_STMT_START": self = .begin
        case "TRANS_STMT_COMMIT": self = body.flag("chain") ? .commitAndChain : .commit
        case "TRANS_STMT_ROLLBACK": self = .rollback
        case "TRANS_STMT_SAVEPOINT": self = .savepoint(savepoint)
        case "TRANS_STMT_RELEASE": self = .releaseSavepoint(savepoint)
        case "TRANS_STMT_ROLLBACK_TO": self = .rollbackToSavepoint(savepoint)
        case "TRANS_STMT_PREPARE": self = .prepareTransaction(gid)
        case "TRANS_STMT_COMMIT_PREPARED": self = .commitPrepared(gid)
        case "TRANS_STMT_ROLLBACK_PREPARED": self = .rollbackPrepared(gid)
        default: return nil
        }
    }

    /// The statement's transaction control, or nil when it is not a `TransactionStmt`.
    public init?(_ statement: SQLStatement) {
        guard statement.nodeType == "TransactionStmt", let body = statement.tree["TransactionStmt"] else { return nil }
        self.init(transactionStatement: body)
    }
}
