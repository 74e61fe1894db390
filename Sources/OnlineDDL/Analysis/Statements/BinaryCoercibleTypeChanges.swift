/// The column type changes that PostgreSQL performs without rewriting the table.
///
/// `ATColumnChangeRequiresRewrite` (tablecmds.c) skips the rewrite when the planned
/// conversion reduces to the column itself under `RelabelType`. That happens for
/// binary-coercible casts and when a length-coercion's support function proves the new
/// modifier admits every old value:
///
/// | From | To | Why no rewrite |
/// |---|---|---|
/// | any type | the same type and modifiers | nothing changes |
/// | `varchar(n)` | `varchar(m)`, `m ≥ n`, or `varchar` | `varchar_support` |
/// | `varchar`, `varchar(n)` | `text` | binary-coercible cast |
/// | `text` | `varchar` (no limit) | binary-coercible cast |
/// | `numeric(p,s)` | `numeric(p2,s)`, `p2 ≥ p`, or `numeric` | `numeric_support` |
/// | `varbit(n)` | `varbit(m)`, `m ≥ n`, or `varbit` | `varbit_support` |
/// | `timestamp(p)`, `timestamptz(p)`, `time(p)`, `timetz(p)` | same type with precision `q ≥ p`, 6, or none | `timestamp_support`, `time_support` |
/// | `cidr` | `inet` | binary-coercible cast |
///
/// Everything else rewrites, including `text → varchar(n)`, `char(n)` changes, integer
/// widening, array element changes, and `timestamp ↔ timestamptz` (free only when the
/// session time zone is UTC, PostgreSQL 12+, which an offline analysis cannot know).
public enum BinaryCoercibleTypeChanges {
    /// Whether changing a column from `old` to `new` avoids a rewrite.
    public static func isFree(from old: SQLTypeName, to new: SQLTypeName) -> Bool {
        if old == new, old.modifiers != nil { return true }
        guard let oldName = canonicalName(old), let newName = canonicalName(new),
              let oldMods = old.modifiers, let newMods = new.modifiers else { return false }
        if oldName == newName, oldMods == newMods, old.arrayDimensions == new.arrayDimensions { return true }
        guard old.arrayDimensions == 0, new.arrayDimensions == 0 else { return false }
        switch (oldName, newName) {
        case ("varchar", "varchar"), ("varbit", "varbit"):
            return lengthWidens(from: oldMods, to: newMods)
        case ("varchar", "text"), ("cidr", "inet"):
            return true
        case ("text", "varchar"):
            return newMods.isEmpty
        case ("numeric", "numeric"):
            return numericWidens(from: oldMods, to: newMods)
        case ("timestamp", "timestamp"), ("timestamptz", "timestamptz"), ("time", "time"), ("timetz", "timetz"):
            return precisionWidens(from: oldMods, to: newMods)
        default:
            return false
        }
    }

    /// The built-in type's name without `pg_catalog`, or `nil` for a type that is not built in.
    private static func canonicalName(_ type: SQLTypeName) -> String? {
        type.isBuiltIn ? type.name : nil
    }

    private static func lengthWidens(from old: [Int], to new: [Int]) -> Bool {
        guard let newLength = new.first else { return true }
        guard let oldLength = old.first else { return false }
        return newLength >= oldLength
    }

    private static func numericWidens(from old: [Int], to new: [Int]) -> Bool {
        guard let newPrecision = new.first else { return true }
        guard let oldPrecision = old.first else { return false }
        let oldScale = old.count > 1 ? old[1] : 0
        let newScale = new.count > 1 ? new[1] : 0
        return newScale == oldScale && newPrecision >= oldPrecision
    }

    private static let maximumTemporalPrecision = 6

    private static func precisionWidens(from old: [Int], to new: [Int]) -> Bool {
        guard let newPrecision = new.first, newPrecision != maximumTemporalPrecision else { return true }
        guard let oldPrecision = old.first else { return false }
        return newPrecision >= oldPrecision
    }
}
