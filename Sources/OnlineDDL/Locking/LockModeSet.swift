/// A set of lock modes as one bit mask, the `LOCKMASK` of lock.c: mode `m` is bit `1 << m`.
///
/// Bit 0 (PostgreSQL's `NoLock`) is never set.
public struct LockModeSet: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The mask: bit `1 << m` for each mode number `m` in the set.
    public let rawValue: UInt16

    /// Creates a set from a `LOCKMASK` value; bits outside modes 1…8 are dropped.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue & 0x1FE
    }

    /// Creates the set holding only `mode`.
    public init(_ mode: LockMode) {
        rawValue = 1 << mode.rawValue
    }

    /// All eight modes.
    public static let all = LockModeSet(rawValue: 0x1FE)

    /// Share and stronger: the modes lock.c's `ConflictsWithRelationFastPath` calls strong.
    public static let strong = LockModeSet(rawValue: 0x1E0)

    /// Whether `mode` is in the set.
    public func contains(_ mode: LockMode) -> Bool {
        rawValue & (1 << mode.rawValue) != 0
    }

    /// Adds `mode`.
    public mutating func insert(_ mode: LockMode) {
        formUnion(LockModeSet(mode))
    }

    /// Removes `mode`.
    public mutating func remove(_ mode: LockMode) {
        subtract(LockModeSet(mode))
    }

    /// Whether the two sets share a mode.
    public func intersects(_ other: LockModeSet) -> Bool {
        rawValue & other.rawValue != 0
    }

    /// The modes in the set, weakest first.
    public var modes: [LockMode] {
        LockMode.allCases.filter { contains($0) }
    }

    /// The modes whose requests conflict with at least one mode of this set.
    public var conflictingModes: LockModeSet {
        var conflicts: UInt16 = 0
        for modeNumber in UInt8(1)...8 where rawValue & (1 << modeNumber) != 0 {
            conflicts |= LockMode(rawValue: modeNumber)!.conflictingModes.rawValue
        }
        return LockModeSet(rawValue: conflicts)
    }

    /// The `pg_locks` names of the modes, for example `[AccessShareLock, ShareLock]`.
    public var description: String {
        "[" + modes.map(\.pgLocksName).joined(separator: ", ") + "]"
    }
}
