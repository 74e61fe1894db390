/// The kind of a query statement.
public enum QueryCommand: String, Hashable, Sendable {
    /// `SELECT`.
    case select
    /// `INSERT`.
    case insert
    /// `UPDATE`.
    case update
    /// `DELETE`.
    case delete
    /// `MERGE` (PostgreSQL 15+).
    case merge
    /// `COPY … FROM`: writes rows like `INSERT`.
    case copyFrom
    /// `COPY … TO`: reads a table or runs a query.
    case copyTo
}
