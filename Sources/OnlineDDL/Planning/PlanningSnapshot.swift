/// What a connected `plan` reads from the server, the lock table and the catalog, read
/// without queueing behind another session's lock: `plan` is what an operator runs while
/// a session holds a table in ACCESS EXCLUSIVE mode, and it must answer then.
///
/// The lock table is read first (`pg_locks` takes no lock); the catalog read then opens no
/// user relation that a session holds or awaits in ACCESS EXCLUSIVE mode
/// (``RelationAccess/init(avoidingLocksIn:)``): those relations' sizes are estimated from
/// `relpages` and marked so. A lock taken between the two reads is caught by the session's
/// `lock_timeout`, and the catalog is read once more, after a fresh lock table, without
/// opening any user relation.
public struct PlanningSnapshot: Sendable {
    /// The lock table the prediction replays.
    public let locks: LockSnapshot
    /// The catalog the statements are resolved through.
    public let catalog: CatalogSnapshot

    /// The `lock_timeout` the read leaves set on the session: the longest any of its
    /// statements, and any later one on the same session, may wait for a lock.
    public static let lockTimeoutMilliseconds = 100

    /// Reads both; leaves the session's `lock_timeout` at ``lockTimeoutMilliseconds``.
    /// Throws 55P03 (`lock_not_available`) only when a system catalog is locked.
    public static func read(from connection: Connection) throws(PostgresError) -> PlanningSnapshot {
        try connection.execute("SET lock_timeout = \(lockTimeoutMilliseconds)")
        let locks = try LockSnapshot.read(from: connection)
        do {
            return PlanningSnapshot(
                locks: locks, catalog: try CatalogSnapshot.read(from: connection, access: RelationAccess(avoidingLocksIn: locks)))
        } catch where error.sqlState == .lockNotAvailable {
            let later = try LockSnapshot.read(from: connection)
            return PlanningSnapshot(locks: later, catalog: try CatalogSnapshot.read(from: connection, access: .catalogOnly))
        }
    }
}
