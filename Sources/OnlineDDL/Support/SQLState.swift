/// A PostgreSQL SQLSTATE error code, with names for the codes onlineddl acts on.
///
/// See PostgreSQL's "Appendix A. PostgreSQL Error Codes".
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// The two-character class, for example `"08"` for connection exceptions.
    public var errorClass: String { String(rawValue.prefix(2)) }

    /// Class 08: the connection failed or was lost.
    public var isConnectionException: Bool { errorClass == "08" }

    /// 55P03: NOWAIT failed, or `lock_timeout` expired.
    public static let lockNotAvailable = SQLState(rawValue: "55P03")
    /// 57014: the statement was cancelled, or `statement_timeout` expired.
    public static let queryCanceled = SQLState(rawValue: "57014")
    /// 40P01: the server chose this transaction as a deadlock victim.
    public static let deadlockDetected = SQLState(rawValue: "40P01")
    /// 40001: a serializable transaction could not be serialized.
    public static let serializationFailure = SQLState(rawValue: "40001")
    /// 25P02: an earlier error aborted the transaction; commands are ignored until its end.
    public static let inFailedSQLTransaction = SQLState(rawValue: "25P02")
    /// 42501: the role lacks a privilege.
    public static let insufficientPrivilege = SQLState(rawValue: "42501")
    /// 08006: the connection failed while in use.
    public static let connectionFailure = SQLState(rawValue: "08006")
    /// 08001: the client could not establish a connection.
    public static let unableToEstablishConnection = SQLState(rawValue: "08001")
}
