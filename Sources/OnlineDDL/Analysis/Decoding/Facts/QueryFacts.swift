import OnlineDDLParsing

/// A query (`SELECT`, `INSERT`, `UPDATE`, `DELETE`, `MERGE`, `COPY`), possibly inside
/// `EXPLAIN`, `CREATE TABLE AS` or `CREATE MATERIALIZED VIEW`.
public struct QueryFacts: Hashable, Sendable {
    /// The kind of query.
    public let command: QueryCommand
    /// The table written, for `INSERT`, `UPDATE`, `DELETE`, `MERGE` and `COPY … FROM`.
    public let target: RelationName?
    /// Whether an `UPDATE` or `DELETE` has a `WHERE` clause.
    public let hasWhereClause: Bool
    /// Whether a `SELECT` has `FOR UPDATE`/`FOR SHARE` (or `KEY SHARE`, `NO KEY UPDATE`).
    public let locksRows: Bool

    /// Creates a query description.
    public init(command: QueryCommand, target: RelationName?, hasWhereClause: Bool, locksRows: Bool) {
        self.command = command
        self.target = target
        self.hasWhereClause = hasWhereClause
        self.locksRows = locksRows
    }
}
