import OnlineDDLCatalog
import OnlineDDLLocking

/// The lock table and the catalog, read without queueing behind another session's lock:
/// `plan` is what an operator runs while a session holds a table in ACCESS EXCLUSIVE mode,
/// and it must answer then; `apply` reads the catalog before each migration and must not
/// stall (or time out) on a table its migration does not touch.
///
/// The lock table is read first (`pg_locks` takes no lock); the catalog read then opens no
/// user relation that a session holds or awaits in ACCESS EXCLUSIVE mode
/// (``RelationAccess/init(avoidingLocksIn:)``): those relations' sizes are estimated from
/// `relpages` and marked so, and their `CHECK` definitions are not read. Run it on a
/// session with a short `lock_timeout` (``lockTimeoutMilliseconds`` for `plan`): a lock
/// taken between the two reads then cancels the catalog read, which is retried once, after
/// a fresh lock table, without opening any user relation.
public struct PlanningSnapshot: Sendable {
    /// The lock table the prediction replays.
    public let locks: LockSnapshot
    /// The catalog the statements are resolved through.
    public let catalog: CatalogSnapshot

    /// The `lock_timeout` `plan` and `status` set on their sessions: the longest any of
    /// their reads may wait for a lock (a system catalog or the history table held in
    /// ACCESS EXCLUSIVE mode; no other read of theirs requests a lock someone holds).
    public static let lockTimeoutMilliseconds = 100

    /// Reads both (sizes measured or not, and system relations taken from an `earlier`
    /// catalog, as in ``CatalogSnapshot/read(from:measuringSizes:access:reusingSystemRelationsOf:)``).
    /// Throws 55P03 (`lock_not_available`) only when a system catalog stays locked.
    /// `locks`, when given, is a lock table the caller has just read on `connection`.
    public static func read(
        from connection: Connection, measuringSizes: Bool = true, reusingSystemRelationsOf earlier: CatalogSnapshot? = nil,
        locks: LockSnapshot? = nil
    ) throws(PostgresError) -> PlanningSnapshot {
        let locks = if let locks { locks } else { try LockSnapshot.read(from: connection) }
        do {
            return PlanningSnapshot(locks: locks, catalog: try CatalogSnapshot.read(
                from: connection, measuringSizes: measuringSizes, access: RelationAccess(avoidingLocksIn: locks),
                reusingSystemRelationsOf: earlier))
        } catch where error.sqlState == .lockNotAvailable {
            let later = try LockSnapshot.read(from: connection)
            return PlanningSnapshot(locks: later, catalog: try CatalogSnapshot.read(
                from: connection, measuringSizes: measuringSizes, access: .catalogOnly, reusingSystemRelationsOf: earlier))
        }
    }
}
