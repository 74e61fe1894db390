/// A table-level lock mode of PostgreSQL's heavyweight lock manager.
///
/// Raw values are PostgreSQL's own mode numbers (`lockdefs.h`), so `1 << rawValue` is the
/// mode's bit in a ``LockModeSet``, exactly like `LOCKBIT_ON` in lock.c.
public enum LockMode: UInt8, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    /// `ACCESS SHARE`: taken by `SELECT`.
    case accessShare = 1
    /// `ROW SHARE`: taken by `SELECT … FOR UPDATE/SHARE`.
    case rowShare = 2
    /// `ROW EXCLUSIVE`: taken by `INSERT`, `UPDATE`, `DELETE`, `MERGE`.
    case rowExclusive = 3
    /// `SHARE UPDATE EXCLUSIVE`: taken by `VACUUM`, `ANALYZE`, `CREATE INDEX CONCURRENTLY`.
    case shareUpdateExclusive = 4
    /// `SHARE`: taken by `CREATE INDEX`.
    case share = 5
    /// `SHARE ROW EXCLUSIVE`: taken by `CREATE TRIGGER` and `ADD FOREIGN KEY`.
    case shareRowExclusive = 6
    /// `EXCLUSIVE`: taken by `REFRESH MATERIALIZED VIEW CONCURRENTLY`.
    case exclusive = 7
    /// `ACCESS EXCLUSIVE`: taken by most `ALTER TABLE` forms, `DROP`, `TRUNCATE`.
    case accessExclusive = 8

    /// Creates a mode from the name `pg_locks.mode` shows, such as `"RowExclusiveLock"`.
    public init?(pgLocksName: String) {
        guard let mode = Self.allCases.first(where: { $0.pgLocksName == pgLocksName }) else { return nil }
        self = mode
    }

    /// Creates a mode from its SQL spelling in `LOCK … IN mode MODE`, such as `"ROW EXCLUSIVE"`.
    public init?(sqlName: String) {
        guard let mode = Self.allCases.first(where: { $0.sqlName == sqlName }) else { return nil }
        self = mode
    }

    /// The name `pg_locks.mode` shows, such as `"AccessExclusiveLock"`.
    public var pgLocksName: String {
        switch self {
        case .accessShare: "AccessShareLock"
        case .rowShare: "RowShareLock"
        case .rowExclusive: "RowExclusiveLock"
        case .shareUpdateExclusive: "ShareUpdateExclusiveLock"
        case .share: "ShareLock"
        case .shareRowExclusive: "ShareRowExclusiveLock"
        case .exclusive: "ExclusiveLock"
        case .accessExclusive: "AccessExclusiveLock"
        }
    }

    /// The SQL spelling used by `LOCK TABLE … IN mode MODE`, such as `"ACCESS EXCLUSIVE"`.
    public var sqlName: String {
        switch self {
        case .accessShare: "ACCESS SHARE"
        case .rowShare: "ROW SHARE"
        case .rowExclusive: "ROW EXCLUSIVE"
        case .shareUpdateExclusive: "SHARE UPDATE EXCLUSIVE"
        case .share: "SHARE"
        case .shareRowExclusive: "SHARE ROW EXCLUSIVE"
        case .exclusive: "EXCLUSIVE"
        case .accessExclusive: "ACCESS EXCLUSIVE"
        }
    }

    /// The modes this mode conflicts with: row `self` of lock.c's `LockConflicts` table.
    public var conflictingModes: LockModeSet {
        switch self {
        case .accessShare: LockModeSet(rawValue: 0x100)
        case .rowShare: LockModeSet(rawValue: 0x180)
        case .rowExclusive: LockModeSet(rawValue: 0x1E0)
        case .shareUpdateExclusive: LockModeSet(rawValue: 0x1F0)
        case .share: LockModeSet(rawValue: 0x1D8)
        case .shareRowExclusive: LockModeSet(rawValue: 0x1F8)
        case .exclusive: LockModeSet(rawValue: 0x1FC)
        case .accessExclusive: LockModeSet(rawValue: 0x1FE)
        }
    }

    /// AccessShare, RowShare and RowExclusive: the modes a relation lock may take through
    /// the fast path (lock.c `EligibleForRelationFastPath`).
    public var usesFastPath: Bool { rawValue <= LockMode.rowExclusive.rawValue }

    /// Share and stronger: a request in these modes first moves every session's fast-path
    /// locks on the relation into the shared lock table (`ConflictsWithRelationFastPath`).
    public var isStrong: Bool { rawValue >= LockMode.share.rawValue }

    /// Whether a request for `self` conflicts with `other` held or awaited by another session.
    /// The relation is symmetric.
    public func conflicts(with other: LockMode) -> Bool {
        conflictingModes.contains(other)
    }

    /// The `pg_locks` name.
    public var description: String { pgLocksName }

    /// Orders modes by PostgreSQL's mode number, weakest first.
    public static func < (lhs: LockMode, rhs: LockMode) -> Bool { lhs.rawValue < rhs.rawValue }
}
