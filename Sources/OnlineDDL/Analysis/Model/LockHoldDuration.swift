/// How long a statement keeps a lock.
public enum LockHoldDuration: String, Hashable, Sendable {
    /// Until the transaction that took it ends (the normal case).
    case transaction
    /// Only while the name is looked up or a check runs; released before the statement ends.
    case released
    /// A session lock, held across the statement's own internal transactions until it
    /// finishes (`CREATE INDEX CONCURRENTLY`, `REINDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`).
    case session
}
